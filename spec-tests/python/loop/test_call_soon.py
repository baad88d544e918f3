"""Twins of spec-tests/tests/loop/call-soon.test.ts (PEP 3156 § Basic Callbacks)."""

from twinlib import TwinCase, statement


class CallSoon(TwinCase):
    @statement("loop.call-soon.fifo")
    def test_fifo(self) -> None:
        order = []
        for i in range(20):
            self.loop.call_soon(order.append, i)
        self.loop.call_soon(self.loop.stop)
        self.loop.run_forever()
        self.assertEqual(order, list(range(20)))

    @statement("loop.call-soon.args")
    def test_args(self) -> None:
        seen = []
        self.loop.call_soon(lambda a, b: seen.append([a, b]), 1, "two")
        self.loop.call_soon(self.loop.stop)
        self.loop.run_forever()
        self.assertEqual(seen, [[1, "two"]])

    @statement("loop.handle.cancel-in-iteration")
    def test_cancel_in_iteration(self) -> None:
        ran = []
        second = None

        def first():
            ran.append("first")
            second.cancel()

        self.loop.call_soon(first)
        second = self.loop.call_soon(ran.append, "second, cancelled by first")
        self.run_for(0.005)
        self.assertEqual(ran, ["first"])
        timers = []
        fired = []
        when = self.loop.time() + 0.002

        def fire(i):
            fired.append(i)
            timers[1 - i].cancel()

        for i in (0, 1):
            timers.append(self.loop.call_at(when, fire, i))
        self.run_for(0.01)
        self.assertEqual(len(fired), 1)

    @statement("loop.call-soon.returns-handle")
    def test_returns_handle(self) -> None:
        ran = []
        handle = self.loop.call_soon(ran.append, "cancelled one")
        self.loop.call_soon(ran.append, "kept")
        self.assertTrue(callable(handle.cancel) and callable(handle.cancelled))
        handle.cancel()
        self.assertTrue(handle.cancelled())
        handle.cancel()
        for h in (
            self.loop.call_later(10, ran.append, "later"),
            self.loop.call_at(self.loop.time() + 10, ran.append, "at"),
            self.loop.call_soon_threadsafe(ran.append, "threadsafe"),
        ):
            self.assertFalse(h.cancelled())
            h.cancel()
            self.assertTrue(h.cancelled())
        self.loop.call_soon(self.loop.stop)
        self.loop.run_forever()
        self.assertEqual(ran, ["kept"])

    @statement("loop.call-soon.next-iteration")
    def test_next_iteration(self) -> None:
        order = []

        def a():
            order.append("a")
            self.loop.call_soon(order.append, "c (scheduled by a)")

        self.loop.call_soon(a)
        self.loop.call_soon(order.append, "b")
        self.run_for(0.01)
        self.assertEqual(order, ["a", "b", "c (scheduled by a)"])

    @statement("loop.callbacks.serialized")
    def test_serialized(self) -> None:
        depth = 0
        max_depth = 0

        def inner():
            nonlocal depth, max_depth
            depth += 1
            max_depth = max(max_depth, depth)
            depth -= 1

        def body():
            nonlocal depth, max_depth
            depth += 1
            max_depth = max(max_depth, depth)
            self.loop.call_soon(inner)
            depth -= 1

        for _ in range(5):
            self.loop.call_soon(body)
        self.loop.call_later(0, body)
        self.run_for(0.01)
        self.assertEqual(max_depth, 1)

    @statement("loop.callbacks.no-starvation")
    def test_no_starvation(self) -> None:
        spins = 0

        def spin():
            nonlocal spins
            spins += 1
            self.loop.call_soon(spin)

        self.loop.call_soon(spin)
        self.loop.call_later(0, self.loop.stop)
        self.loop.run_forever()
        self.assertGreater(spins, 0)

    @statement("loop.call-soon.type-error")
    def test_type_error(self) -> None:
        # asyncio checks the callback in debug mode only (the statement says "at least in debug mode").
        self.loop.set_debug(True)
        for bad in (42, None):
            with self.assertRaises(TypeError):
                self.loop.call_soon(bad)  # type: ignore[arg-type]
            with self.assertRaises(TypeError):
                self.loop.call_later(0.1, bad)  # type: ignore[arg-type]
            with self.assertRaises(TypeError):
                self.loop.call_at(self.loop.time(), bad)  # type: ignore[arg-type]
