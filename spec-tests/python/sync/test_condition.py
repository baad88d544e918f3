"""Twins of spec-tests/tests/sync/condition.test.ts (PEP 3156 § Locks)."""

import asyncio

from twinlib import TwinCase, error_name, statement


class Condition(TwinCase):
    @statement("sync.condition.cancelled-wait-reacquires")
    def test_cancelled_wait_reacquires(self) -> None:
        async def main():
            cond = asyncio.Condition()
            seen = []

            async def waiter():
                await cond.acquire()
                try:
                    await cond.wait()
                except BaseException as e:
                    seen.extend([error_name(e), cond.locked()])
                    raise
                finally:
                    cond.release()

            w = asyncio.create_task(waiter())
            await asyncio.sleep(0)
            # Hold the lock while cancelling: the waiter cannot re-acquire until we let go.
            await cond.acquire()
            w.cancel()
            await asyncio.sleep(0)
            await asyncio.sleep(0)
            seen.append(w.done())
            cond.release()
            await asyncio.gather(w, return_exceptions=True)
            seen.extend([w.cancelled(), cond.locked()])
            return seen

        self.assertEqual(self.run_async(main()), [False, "CancelledError", True, True, False])

    @statement("sync.condition.wait-for")
    def test_wait_for(self) -> None:
        async def main():
            cond = asyncio.Condition()
            value = 0

            async def check():
                async with cond:
                    return await cond.wait_for(lambda: value if value >= 3 else 0)

            checker = asyncio.create_task(check())
            for _ in range(3):
                await asyncio.sleep(0)
                async with cond:
                    value += 1
                    cond.notify_all()
            r = await asyncio.wait_for(checker, 1)
            return [r, cond.locked()]

        self.assertEqual(self.run_async(main()), [3, False])
