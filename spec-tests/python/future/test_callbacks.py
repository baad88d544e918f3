"""Twins of spec-tests/tests/future/callbacks.test.ts (PEP 3156 § Futures)."""

from twinlib import TwinCase, statement


class Callbacks(TwinCase):
    @statement("future.callbacks.never-sync")
    def test_never_sync(self) -> None:
        calls = []
        f = self.loop.create_future()
        f.add_done_callback(lambda *args: calls.append(args))
        f.set_result(1)
        self.assertEqual(calls, [])
        f.add_done_callback(lambda *args: calls.append(args))
        self.assertEqual(calls, [])
        self.run_for(0.005)
        self.assertEqual(calls, [(f,), (f,)])

    @statement("future.callbacks.order")
    def test_order(self) -> None:
        order = []
        f = self.loop.create_future()
        for i in range(10):
            f.add_done_callback(lambda _f, i=i: order.append(i))
        self.loop.call_soon(f.set_result, None)
        self.run_for(0.005)
        self.assertEqual(order, list(range(10)))

    @statement("future.callbacks.on-cancel")
    def test_on_cancel(self) -> None:
        seen = []
        f = self.loop.create_future()
        f.add_done_callback(lambda fut: seen.append(fut.cancelled()))
        f.cancel()
        self.run_for(0.005)
        self.assertEqual(seen, [True])

    @statement("future.callbacks.scheduled-at-settle")
    def test_scheduled_at_settle(self) -> None:
        order = []
        f = self.loop.create_future()
        f.add_done_callback(lambda _f: order.append("done callback 1"))
        f.add_done_callback(lambda _f: order.append("done callback 2"))

        def settle():
            self.loop.call_soon(order.append, "callSoon before setResult")
            f.set_result(1)
            self.loop.call_soon(order.append, "callSoon after setResult")
            f.add_done_callback(lambda _f: order.append("added once done"))
            self.loop.call_soon(order.append, "callSoon after that")

        self.loop.call_soon(settle)
        self.run_for(0.005)
        self.assertEqual(
            order,
            [
                "callSoon before setResult",
                "done callback 1",
                "done callback 2",
                "callSoon after setResult",
                "added once done",
                "callSoon after that",
            ],
        )

    @statement("future.remove-done-callback.count")
    def test_remove_done_callback_count(self) -> None:
        ran = []
        f = self.loop.create_future()

        def a(_f):
            ran.append("a")

        def b(_f):
            ran.append("b")

        f.add_done_callback(a)
        f.add_done_callback(b)
        f.add_done_callback(a)
        self.assertEqual(f.remove_done_callback(a), 2)
        self.assertEqual(f.remove_done_callback(a), 0)
        f.set_result(None)
        self.run_for(0.005)
        self.assertEqual(ran, ["b"])
