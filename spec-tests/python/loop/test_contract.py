"""Twins of spec-tests/tests/loop/contract.test.ts (PEP 3156 § Event Loop Interface, § Error Handling)."""

import asyncio
import threading
import time

from twinlib import TwinCase, new_event_loop, statement


class Contract(TwinCase):
    @statement("loop.run-until-complete.foreign-future")
    def test_foreign_future(self) -> None:
        other = new_event_loop()
        try:
            foreign = other.create_future()
            with self.assertRaises(ValueError):
                self.loop.run_until_complete(foreign)
            self.assertFalse(self.loop.is_running())

            async def body():
                return "still works"

            self.assertEqual(self.loop.run_until_complete(body()), "still works")
        finally:
            other.close()

    @statement("loop.handlers.type-error")
    def test_handlers_type_error(self) -> None:
        handler = lambda loop, context: None  # noqa: E731
        self.loop.set_exception_handler(handler)
        for bad in (42, "handler", {}):
            with self.assertRaises(TypeError):
                self.loop.set_exception_handler(bad)  # type: ignore[arg-type]
            with self.assertRaises(TypeError):
                self.loop.set_task_factory(bad)  # type: ignore[arg-type]
        self.assertIs(self.loop.get_exception_handler(), handler)
        self.assertIsNone(self.loop.get_task_factory())
        self.loop.set_exception_handler(None)
        self.assertIsNone(self.loop.get_exception_handler())

    @statement("loop.run-until-complete.detaches")
    def test_detaches(self) -> None:
        f = self.loop.create_future()
        self.loop.call_soon(self.loop.stop)
        with self.assertRaises(RuntimeError):
            self.loop.run_until_complete(f)
        # f completes during a later run, whose own stop comes three iterations later: a stale stop
        # callback on f would end the run in the second iteration.
        ran = []
        ticks = 0

        def tick():
            nonlocal ticks
            ticks += 1
            ran.append(f"tick {ticks}")
            if ticks == 3:
                self.loop.stop()
            else:
                self.loop.call_soon(tick)

        self.loop.call_soon(f.set_result, "late")
        self.loop.call_soon(lambda: self.loop.call_soon(ran.append, "after f"))
        self.loop.call_soon(tick)
        self.loop.run_forever()
        self.assertEqual(ran, ["tick 1", "after f", "tick 2", "tick 3"])

    @statement("loop.stop.from-outside")
    def test_stop_from_outside(self) -> None:
        # Python's "outside the loop" is another thread, which must use call_soon_threadsafe.
        far = self.loop.call_later(30, lambda: None)
        started = time.monotonic()
        timer = threading.Timer(0.005, self.loop.call_soon_threadsafe, (self.loop.stop,))
        timer.start()
        self.loop.run_forever()
        timer.join()
        self.assertLess(time.monotonic() - started, 5)
        self.assertFalse(self.loop.is_running())
        far.cancel()

    @statement("loop.exception-handler.default-logs")
    def test_default_logs(self) -> None:
        try:
            raise OverflowError("the cause")
        except OverflowError as error:
            boom = error
        with self.assertLogs("asyncio", "ERROR") as logs:
            self.loop.default_exception_handler(
                {"message": "something failed", "exception": boom, "where": "in a test"}
            )
        self.assertEqual(len(logs.records), 1)
        logged = "\n".join(logs.output)
        self.assertIn("something failed", logged)
        self.assertRegex(logged, r"where\W+in a test")
        self.assertIn("the cause", logged)
        self.assertIn("Traceback", logged)
        with self.assertLogs("asyncio", "ERROR") as logs:
            self.loop.default_exception_handler({"message": ""})
        self.assertGreater(len("\n".join(logs.output).split(":", 2)[2].strip()), 0)

    @statement("loop.exception-handler.handler-error-logged")
    def test_handler_error_logged(self) -> None:
        def broken(loop, context):
            raise EOFError("handler broke")

        self.loop.set_exception_handler(broken)
        with self.assertLogs("asyncio", "ERROR") as logs:
            self.loop.call_exception_handler({"message": "first problem"})
        logged = "\n".join(logs.output)
        self.assertIn("handler broke", logged)
        self.assertIn("first problem", logged)

        self.loop.set_exception_handler(None)

        def default_broken(context):
            raise EOFError("default handler broke")

        self.loop.default_exception_handler = default_broken  # type: ignore[method-assign]
        with self.assertLogs("asyncio", "ERROR") as logs:
            self.loop.call_exception_handler({"message": "second problem"})
        self.assertIn("default handler broke", "\n".join(logs.output))
        self.loop.set_exception_handler(broken)
        with self.assertLogs("asyncio", "ERROR") as logs:
            self.loop.call_exception_handler({"message": "third problem"})
        self.assertIn("default handler broke", "\n".join(logs.output))
