"""Twins of spec-tests/tests/sync/queues.test.ts (PEP 3156 § Queues)."""

import asyncio

from twinlib import TwinCase, error_name, statement


class Queues(TwinCase):
    @statement("sync.queue.fifo")
    def test_fifo(self) -> None:
        async def main():
            q = asyncio.Queue()
            for i in (1, 2, 3):
                await q.put(i)
            return [await q.get(), await q.get(), await q.get()]

        self.assertEqual(self.run_async(main()), [1, 2, 3])

    @statement("sync.queue.nowait-errors")
    def test_nowait_errors(self) -> None:
        async def main():
            q = asyncio.Queue(1)
            names = []
            try:
                q.get_nowait()
            except Exception as e:
                names.append(error_name(e))
            q.put_nowait(1)
            try:
                q.put_nowait(2)
            except Exception as e:
                names.append(error_name(e))
            names.extend([str(q.full()).lower(), str(q.qsize())])
            return names

        self.assertEqual(self.run_async(main()), ["QueueEmpty", "QueueFull", "true", "1"])

    @statement("sync.queue.maxsize-blocks")
    def test_maxsize_blocks(self) -> None:
        async def main():
            q = asyncio.Queue(1)
            log = []

            async def producer():
                for item in ("x", "y"):
                    await q.put(item)
                    log.append(f"put {item}")

            async def consumer():
                await asyncio.sleep(0.002)
                for _ in range(2):
                    log.append(f"got {await q.get()}")

            await asyncio.gather(producer(), consumer())
            return log

        log = self.run_async(main())
        self.assertGreater(log.index("put y"), log.index("got x"), "the second put waited for the first get")

    @statement("sync.queue.unbounded")
    def test_unbounded(self) -> None:
        async def main():
            q = asyncio.Queue(0)
            r = asyncio.Queue(-1)
            for i in range(1000):
                q.put_nowait(i)
                r.put_nowait(i)
            return [q.full(), r.full(), q.qsize()]

        self.assertEqual(self.run_async(main()), [False, False, 1000])

    @statement("sync.queue.priority-lifo")
    def test_priority_lifo(self) -> None:
        async def main():
            p = asyncio.PriorityQueue()
            l = asyncio.LifoQueue()
            for i in (3, 1, 2):
                p.put_nowait(i)
                l.put_nowait(i)
            return [
                [p.get_nowait(), p.get_nowait(), p.get_nowait()],
                [l.get_nowait(), l.get_nowait(), l.get_nowait()],
            ]

        self.assertEqual(self.run_async(main()), [[1, 2, 3], [2, 1, 3]])

    @statement("sync.queue.join")
    def test_join(self) -> None:
        async def main():
            q = asyncio.Queue()
            log = []
            for i in (1, 2):
                q.put_nowait(i)

            async def worker():
                while not q.empty():
                    item = await q.get()
                    await asyncio.sleep(0.001)
                    log.append(f"done {item}")
                    q.task_done()

            w = asyncio.ensure_future(worker())
            await q.join()
            log.append("joined")
            await w
            over = "no error"
            try:
                q.task_done()
            except Exception as e:
                over = error_name(e)
            return [log, over]

        self.assertEqual(self.run_async(main()), [["done 1", "done 2", "joined"], "ValueError"])
