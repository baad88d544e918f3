"""Twins of spec-tests/tests/loop/timers.test.ts (PEP 3156 § Basic Callbacks, § Specifying Times)."""

from twinlib import TwinCase, statement

RESOLUTION = 0.001


class Timers(TwinCase):
    @statement("loop.call-later.not-early")
    def test_not_early(self) -> None:
        start = self.loop.time()
        ran_at = []

        def fire():
            ran_at.append(self.loop.time())
            self.loop.stop()

        self.loop.call_later(0.1, fire)
        self.loop.run_forever()
        self.assertGreaterEqual(ran_at[0] - start, 0.1 - RESOLUTION)
        self.assertLess(ran_at[0] - start, 5)

    @statement("loop.call-later.is-call-at")
    def test_is_call_at(self) -> None:
        before = self.loop.time()
        handle = self.loop.call_later(10, lambda: None)
        after = self.loop.time()
        self.assertGreaterEqual(handle.when(), before + 10)
        self.assertLessEqual(handle.when(), after + 10)
        at = self.loop.call_at(before + 5, lambda: None)
        self.assertEqual(at.when(), before + 5)
        handle.cancel()
        at.cancel()

    @statement("loop.timers.deadline-order")
    def test_deadline_order(self) -> None:
        order = []
        now = self.loop.time()
        for d in (0.03, 0.01, 0.02):
            self.loop.call_at(now + d, order.append, d)
        self.run_for(0.05)
        self.assertEqual(order, [0.01, 0.02, 0.03])

    @statement("loop.call-later.infinity")
    def test_infinity(self) -> None:
        ran = []
        inf = float("inf")
        never = self.loop.call_later(inf, ran.append, "later +inf")
        never_at = self.loop.call_at(inf, ran.append, "at +inf")
        self.loop.call_later(-inf, ran.append, "later -inf")
        self.loop.call_at(-inf, ran.append, "at -inf")
        self.run_for(0.02)
        self.assertEqual(sorted(ran), ["at -inf", "later -inf"])
        self.assertEqual([never.when(), never_at.when()], [inf, inf])
        never.cancel()
        never_at.cancel()
        self.assertTrue(never.cancelled())

    @statement("loop.timers.same-deadline")
    def test_same_deadline(self) -> None:
        ran = set()
        when = self.loop.time() + 0.01
        for name in "abc":
            self.loop.call_at(when, ran.add, name)
        self.run_for(0.03)
        self.assertEqual(sorted(ran), ["a", "b", "c"])

    @statement("loop.timers.behind-ready")
    def test_behind_ready(self) -> None:
        order = []
        now = self.loop.time()
        self.loop.call_at(now - 1, order.append, "timer due in the past")
        self.loop.call_later(0, order.append, "callLater(0)")

        def first():
            order.append("callSoon 1")
            self.loop.call_soon(order.append, "callSoon from callSoon 1")

        self.loop.call_soon(first)
        self.loop.call_soon(order.append, "callSoon 2")
        self.run_for(0.005)
        self.assertEqual(
            order,
            ["callSoon 1", "callSoon 2", "timer due in the past", "callLater(0)", "callSoon from callSoon 1"],
        )

    @statement("loop.timers.cancel")
    def test_cancel(self) -> None:
        ran = []
        handle = self.loop.call_later(0.005, ran.append, "cancelled")
        self.loop.call_later(0.001, handle.cancel)
        self.loop.call_later(0.01, ran.append, "kept")
        self.run_for(0.02)
        self.assertEqual(ran, ["kept"])
        self.assertTrue(handle.cancelled())

    @statement("loop.timers.past-deadline")
    def test_past_deadline(self) -> None:
        ran = []
        self.loop.call_at(self.loop.time() - 1, ran.append, "callAt in the past")
        self.loop.call_later(-1, ran.append, "callLater(-1)")
        self.run_for(0.01)
        self.assertEqual(sorted(ran), ["callAt in the past", "callLater(-1)"])

    @statement("loop.call-later.type-error")
    def test_type_error(self) -> None:
        with self.assertRaises(TypeError):
            self.loop.call_later("1", lambda: None)  # type: ignore[arg-type]
        with self.assertRaises(TypeError):
            self.loop.call_later(None, lambda: None)  # type: ignore[arg-type]
        with self.assertRaises(TypeError):
            self.loop.call_at(None, lambda: None)  # type: ignore[arg-type]

    @statement("loop.time.monotonic-seconds")
    def test_monotonic_seconds(self) -> None:
        samples = [self.loop.time()]
        for i in range(1, 4):
            self.loop.call_later(0.005 * i, lambda: samples.append(self.loop.time()))
        self.run_for(0.02)
        for a, b in zip(samples, samples[1:]):
            self.assertGreaterEqual(b, a)
        self.assertGreaterEqual(samples[-1] - samples[0], 0.015 - RESOLUTION)
        self.assertLess(samples[-1] - samples[0], 5)
