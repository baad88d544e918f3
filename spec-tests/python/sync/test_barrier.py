"""Twins of spec-tests/tests/sync/barrier.test.ts (asyncio.Barrier, Python 3.11)."""

import asyncio

from twinlib import TwinCase, error_name, statement


class Barrier(TwinCase):
    @statement("sync.barrier.releases-parties")
    def test_releases_parties(self) -> None:
        async def main():
            barrier = asyncio.Barrier(3)
            tasks = [asyncio.ensure_future(barrier.wait()) for _ in range(2)]
            await asyncio.sleep(0.001)
            waiting = barrier.n_waiting
            pending = all(not t.done() for t in tasks)
            last = await barrier.wait()
            indexes = sorted([*(await asyncio.gather(*tasks)), last])
            # The barrier is reusable.
            again = [asyncio.ensure_future(barrier.wait()) for _ in range(3)]
            second = sorted(await asyncio.wait_for(asyncio.gather(*again), 1))
            return [waiting, pending, indexes, second, barrier.parties, barrier.broken]

        self.assertEqual(self.run_async(main()), [2, True, [0, 1, 2], [0, 1, 2], 3, False])

    @statement("sync.barrier.abort")
    def test_abort(self) -> None:
        with self.assertRaises(ValueError):
            asyncio.Barrier(0)
        with self.assertRaises(TypeError):
            asyncio.Barrier("2")  # type: ignore[arg-type]

        async def main():
            barrier = asyncio.Barrier(2)
            early = asyncio.ensure_future(barrier.wait())
            await asyncio.sleep(0)
            await barrier.abort()
            [r1] = await asyncio.gather(early, return_exceptions=True)
            r2 = "no error"
            try:
                await barrier.wait()
            except Exception as e:
                r2 = e
            return [error_name(r1), error_name(r2), barrier.broken]

        self.assertEqual(self.run_async(main()), ["BrokenBarrierError", "BrokenBarrierError", True])
