"""Twins of spec-tests/tests/sync/semaphore.test.ts (PEP 3156 § Locks)."""

import asyncio

from twinlib import TwinCase, error_name, statement


class Semaphore(TwinCase):
    @statement("sync.semaphore.cancelled-waiter")
    def test_cancelled_waiter(self) -> None:
        async def main():
            sem = asyncio.Semaphore(1)
            await sem.acquire()
            order = []

            async def waiter(name):
                await sem.acquire()
                order.append(name)
                sem.release()

            a = asyncio.create_task(waiter("a"))
            b = asyncio.create_task(waiter("b"))
            c = asyncio.create_task(waiter("c"))
            await asyncio.sleep(0)
            sem.release()
            a.cancel()
            await asyncio.wait_for(asyncio.gather(b, c), 1)
            return [order, a.cancelled(), sem.locked()]

        self.assertEqual(self.run_async(main()), [["b", "c"], True, False])

    @statement("sync.semaphore.bad-value")
    def test_bad_value(self) -> None:
        with self.assertRaises(ValueError):
            asyncio.Semaphore(-1)
        with self.assertRaises(ValueError):
            asyncio.BoundedSemaphore(-1)
        self.assertTrue(asyncio.Semaphore(0).locked())
        try:
            asyncio.Semaphore("2")  # type: ignore[arg-type]
        except TypeError as error:
            self.assertEqual(error_name(error), "TypeError")
        else:
            self.fail("Semaphore('2') accepted a string")
