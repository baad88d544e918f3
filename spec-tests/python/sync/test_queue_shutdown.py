"""Twins of spec-tests/tests/sync/queue-shutdown.test.ts (asyncio.Queue.shutdown, Python 3.13)."""

import asyncio

from twinlib import TwinCase, error_name, requires_python, statement


def thrown(fn):
    try:
        fn()
    except Exception as e:
        return e
    return None


class QueueShutdown(TwinCase):
    @requires_python(3, 13, "Queue.shutdown() is new in 3.13")
    @statement("sync.queue.shutdown")
    def test_shutdown(self) -> None:
        async def main():
            q = asyncio.Queue(1)
            q.put_nowait(1)
            putter = asyncio.create_task(q.put(2))
            await asyncio.sleep(0)
            q.shutdown()
            [put_result] = await asyncio.gather(putter, return_exceptions=True)
            first = await q.get()
            second = "no error"
            try:
                await q.get()
            except Exception as e:
                second = e
            return [
                error_name(put_result),
                error_name(thrown(lambda: q.put_nowait(3))),
                first,
                error_name(second),
                error_name(thrown(q.get_nowait)),
            ]

        self.assertEqual(
            self.run_async(main()), ["QueueShutDown", "QueueShutDown", 1, "QueueShutDown", "QueueShutDown"]
        )

    @requires_python(3, 13, "Queue.shutdown() is new in 3.13")
    @statement("sync.queue.shutdown")
    def test_shutdown_immediate(self) -> None:
        async def main():
            q = asyncio.Queue()
            empty = asyncio.Queue()
            q.put_nowait(1)
            q.put_nowait(2)
            joiner = asyncio.ensure_future(q.join())
            getter = asyncio.create_task(empty.get())
            await asyncio.sleep(0)
            q.shutdown(True)
            empty.shutdown(True)
            await asyncio.wait_for(joiner, 1)
            [g] = await asyncio.gather(getter, return_exceptions=True)
            return [q.qsize(), q.empty(), joiner.done(), error_name(g)]

        self.assertEqual(self.run_async(main()), [0, True, True, "QueueShutDown"])
