"""Twins of spec-tests/tests/sync/hold.test.ts (PEP 3156 § Locks).

TypeScript's `with(body)` and `hold()` are Python's `async with primitive:`.
"""

import asyncio

from twinlib import TwinCase, error_name, statement


class Hold(TwinCase):
    @statement("sync.lock.scoped-release")
    def test_with_and_hold_generators(self) -> None:
        async def main():
            seen = []
            for p in (asyncio.Lock(), asyncio.Semaphore(1), asyncio.Condition()):
                try:
                    async with p:
                        seen.append(p.locked())
                        await asyncio.sleep(0)
                        raise Exception("boom")
                except Exception as e:
                    seen.extend([str(e), p.locked()])
                try:
                    async with p:
                        seen.append(p.locked())
                        raise Exception("bang")
                except Exception as e:
                    seen.extend([str(e), p.locked()])
            return seen

        one = [True, "boom", False, True, "bang", False]
        self.assertEqual(self.run_async(main()), one * 3)

    @statement("sync.lock.scoped-release")
    def test_with_and_hold_async_functions(self) -> None:
        async def main():
            lock = asyncio.Lock()
            seen = []
            try:
                async with lock:
                    seen.append(lock.locked())
                    await asyncio.sleep(0)
                    raise Exception("boom")
            except Exception as e:
                seen.extend([error_name(e), lock.locked()])
            try:
                async with lock:
                    seen.append(lock.locked())
                    await asyncio.sleep(0)
                    raise Exception("bang")
            except Exception as e:
                seen.extend([error_name(e), lock.locked()])
            return seen

        self.assertEqual(self.run_async(main()), [True, "Exception", False, True, "Exception", False])

    @statement("sync.lock.scoped-release")
    def test_cancelled_while_waiting(self) -> None:
        async def main():
            lock = asyncio.Lock()
            await lock.acquire()

            async def holder(name):
                async with lock:
                    return name

            a = asyncio.create_task(holder("a"))
            b = asyncio.create_task(holder("b"))
            await asyncio.sleep(0)
            lock.release()
            a.cancel()
            r = await asyncio.wait_for(b, 1)
            await asyncio.sleep(0)
            return [r, a.cancelled(), lock.locked()]

        self.assertEqual(self.run_async(main()), ["b", True, False])
