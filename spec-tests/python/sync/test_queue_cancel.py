"""Twins of spec-tests/tests/sync/queue-cancel.test.ts (PEP 3156 § Queues)."""

import asyncio

from twinlib import TwinCase, statement


class QueueCancel(TwinCase):
    def cancelled_getter(self, delay: int) -> None:
        async def main():
            loop = asyncio.get_running_loop()
            q = asyncio.Queue()
            received = []

            async def getter(name):
                item = await q.get()
                received.append(f"{name}:{item}")

            a = asyncio.create_task(getter("a"))
            b = asyncio.create_task(getter("b"))
            await asyncio.sleep(0)
            q.put_nowait("x")
            cancel_at = delay

            def cancel_later():
                nonlocal cancel_at
                if cancel_at > 0:
                    cancel_at -= 1
                    loop.call_soon(cancel_later)
                else:
                    a.cancel()

            cancel_later()
            await asyncio.sleep(0.001)
            puts = 1 if b.done() else 2
            if puts == 2:
                q.put_nowait("y")
            await asyncio.wait_for(asyncio.gather(a, b, return_exceptions=True), 1)
            return [received, a.cancelled(), q.qsize(), puts]

        received, a_cancelled, left, puts = self.run_async(main())
        self.assertEqual(len([r for r in received if r.endswith(":x")]), 1, "x delivered once")
        if a_cancelled:
            self.assertEqual(received, ["b:x"], "a was cancelled, so b got x")
        self.assertEqual(len(received) + left, puts, "no item vanished")

    @statement("sync.queue.cancelled-getter")
    def test_cancelled_0_iterations_after_put(self) -> None:
        self.cancelled_getter(0)

    @statement("sync.queue.cancelled-getter")
    def test_cancelled_1_iteration_after_put(self) -> None:
        self.cancelled_getter(1)

    @statement("sync.queue.cancelled-getter")
    def test_cancelled_2_iterations_after_put(self) -> None:
        self.cancelled_getter(2)

    @statement("sync.queue.cancelled-getter")
    def test_cancelled_async_functions(self) -> None:
        # The TypeScript async-function variant: Python's coroutines are that kind; cancel at once.
        async def main():
            q = asyncio.Queue()
            received = []

            async def getter(name):
                item = await q.get()
                received.append(f"{name}:{item}")

            a = asyncio.create_task(getter("a"))
            b = asyncio.create_task(getter("b"))
            await asyncio.sleep(0)
            q.put_nowait("x")
            a.cancel()
            await asyncio.sleep(0.001)
            puts = 1 if b.done() else 2
            if puts == 2:
                q.put_nowait("y")
            await asyncio.wait_for(asyncio.gather(a, b, return_exceptions=True), 1)
            return [sorted(received), q.qsize(), puts]

        received, left, puts = self.run_async(main())
        self.assertEqual(len([r for r in received if r.endswith(":x")]), 1, "x delivered once")
        self.assertEqual(len(received) + left, puts, "no item vanished")
