"""Twins of spec-tests/tests/loop/exceptions.test.ts (PEP 3156 § Exceptions, § Debug Mode)."""

from twinlib import TwinCase, statement


class Exceptions(TwinCase):
    @statement("loop.exception.callback-error-handled")
    def test_callback_error_handled(self) -> None:
        seen = self.capture_exceptions()
        boom = ValueError("boom")
        ran = []

        def fails():
            raise boom

        handle = self.loop.call_soon(fails)
        self.loop.call_soon(ran.append, "next callback")
        self.run_for(0.005)
        self.assertEqual(ran, ["next callback"])
        self.assertEqual(len(seen), 1)
        self.assertIsInstance(seen[0]["message"], str)
        self.assertGreater(len(seen[0]["message"]), 0)
        self.assertIs(seen[0]["exception"], boom)
        self.assertIs(seen[0]["handle"], handle)

    @statement("loop.exception.timer-error-handled")
    def test_timer_error_handled(self) -> None:
        seen = self.capture_exceptions()

        def fails():
            raise TypeError("bad")

        self.loop.call_later(0.001, fails)
        self.run_for(0.01)
        self.assertEqual([type(c["exception"]).__name__ for c in seen], ["TypeError"])

    @statement("loop.exception-handler.signature")
    def test_signature(self) -> None:
        calls = []
        self.loop.set_exception_handler(lambda *args: calls.append(args))

        def fails():
            raise ValueError("x")

        self.loop.call_soon(fails)
        self.run_for(0.005)
        self.assertEqual(len(calls), 1)
        self.assertIs(calls[0][0], self.loop)
        self.assertIsInstance(calls[0][1]["exception"], ValueError)

    @statement("loop.exception-handler.get-set")
    def test_get_set(self) -> None:
        self.assertIsNone(self.loop.get_exception_handler())
        handler = lambda loop, context: None  # noqa: E731
        self.loop.set_exception_handler(handler)
        self.assertIs(self.loop.get_exception_handler(), handler)
        self.loop.set_exception_handler(None)
        self.assertIsNone(self.loop.get_exception_handler())

    @statement("loop.exception-handler.handler-error")
    def test_handler_error(self) -> None:
        calls = 0
        fallback = []
        self.loop.default_exception_handler = fallback.append  # type: ignore[method-assign]

        def broken(loop, context):
            nonlocal calls
            calls += 1
            raise ValueError("handler broke")

        self.loop.set_exception_handler(broken)
        ran = []

        def fails():
            raise ValueError("first")

        self.loop.call_soon(fails)
        self.loop.call_soon(ran.append, "after")
        self.run_for(0.005)
        self.assertEqual(calls, 1)
        self.assertEqual(ran, ["after"])

    @statement("loop.call-exception-handler.default")
    def test_call_exception_handler_default(self) -> None:
        seen = []
        self.loop.default_exception_handler = seen.append  # type: ignore[method-assign]
        context = {"message": "something happened"}
        self.loop.call_exception_handler(context)
        self.assertEqual(seen, [context])

    @statement("loop.debug.toggle")
    def test_debug_toggle(self) -> None:
        self.assertIsInstance(self.loop.get_debug(), bool)
        self.loop.set_debug(True)
        self.assertTrue(self.loop.get_debug())
        self.loop.set_debug(False)
        self.assertFalse(self.loop.get_debug())

    @statement("loop.debug.slow-callback-duration")
    def test_slow_callback_duration(self) -> None:
        self.assertEqual(self.loop.slow_callback_duration, 0.1)
        self.loop.slow_callback_duration = 0.5
        self.assertEqual(self.loop.slow_callback_duration, 0.5)
