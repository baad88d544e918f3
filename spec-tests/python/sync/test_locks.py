"""Twins of spec-tests/tests/sync/locks.test.ts (PEP 3156 § Synchronization, § Locks)."""

import asyncio

from twinlib import TwinCase, error_name, statement


class Locks(TwinCase):
    @statement("sync.lock.mutual-exclusion")
    def test_mutual_exclusion(self) -> None:
        log = []

        async def main():
            lock = asyncio.Lock()

            async def worker(name):
                await lock.acquire()
                try:
                    log.append(f"{name} in")
                    await asyncio.sleep(0.001)
                    log.append(f"{name} out")
                finally:
                    lock.release()

            await asyncio.gather(worker("a"), worker("b"), worker("c"))

        self.run_async(main())
        self.assertEqual(log, ["a in", "a out", "b in", "b out", "c in", "c out"])

    @statement("sync.lock.release-unlocked")
    def test_release_unlocked(self) -> None:
        async def main():
            lock = asyncio.Lock()
            try:
                lock.release()
                return "no error"
            except Exception as e:
                return error_name(e)

        self.assertEqual(self.run_async(main()), "RuntimeError")

    @statement("sync.lock.cancelled-waiter")
    def test_cancelled_waiter(self) -> None:
        async def main():
            lock = asyncio.Lock()
            await lock.acquire()

            async def first():
                await lock.acquire()
                lock.release()
                return "first"

            async def second():
                await lock.acquire()
                lock.release()
                return "second"

            a = asyncio.create_task(first())
            b = asyncio.create_task(second())
            await asyncio.sleep(0)
            # Wake the first waiter and cancel it in the same iteration.
            lock.release()
            a.cancel()
            r = await asyncio.wait_for(b, 1)
            return [r, a.cancelled(), lock.locked()]

        self.assertEqual(self.run_async(main()), ["second", True, False])

    @statement("sync.event.wakes-all")
    def test_event_wakes_all(self) -> None:
        async def main():
            ev = asyncio.Event()
            woken = []

            async def waiter(i):
                await ev.wait()
                woken.append(i)

            all_ = asyncio.gather(waiter(1), waiter(2), waiter(3))
            await asyncio.sleep(0.001)
            self.assertFalse(ev.is_set())
            ev.set()
            await all_
            again = await ev.wait()
            return [sorted(woken), again, ev.is_set()]

        self.assertEqual(self.run_async(main()), [[1, 2, 3], True, True])

    @statement("sync.condition.notify")
    def test_condition_notify(self) -> None:
        async def main():
            cond = asyncio.Condition()
            woken = []

            async def waiter(name):
                await cond.acquire()
                try:
                    await cond.wait()
                    woken.append(f"{name}:{str(cond.locked()).lower()}")
                finally:
                    cond.release()

            tasks = asyncio.gather(waiter("a"), waiter("b"))
            for _ in range(20):
                await asyncio.sleep(0)
            await cond.acquire()
            cond.notify(1)
            cond.release()
            for _ in range(50):
                if woken:
                    break
                await asyncio.sleep(0)
            for _ in range(20):
                await asyncio.sleep(0)  # time for a wrongly woken second waiter
            after_one = len(woken)
            await cond.acquire()
            cond.notify_all()
            cond.release()
            await tasks
            return [after_one, woken]

        self.assertEqual(self.run_async(main()), [1, ["a:true", "b:true"]])

    @statement("sync.condition.requires-lock")
    def test_condition_requires_lock(self) -> None:
        async def main():
            cond = asyncio.Condition()
            names = []
            try:
                await cond.wait()
                names.append("no error")
            except Exception as e:
                names.append(error_name(e))
            try:
                cond.notify()
                names.append("no error")
            except Exception as e:
                names.append(error_name(e))
            return names

        self.assertEqual(self.run_async(main()), ["RuntimeError", "RuntimeError"])

    @statement("sync.semaphore.counts")
    def test_semaphore_counts(self) -> None:
        async def main():
            sem = asyncio.Semaphore(2)
            inside = 0
            most = 0

            async def worker():
                nonlocal inside, most
                await sem.acquire()
                try:
                    inside += 1
                    most = max(most, inside)
                    await asyncio.sleep(0.001)
                    inside -= 1
                finally:
                    sem.release()

            all_ = asyncio.gather(worker(), worker(), worker(), worker())
            await asyncio.sleep(0)
            locked_while_full = sem.locked()
            await all_
            plain = asyncio.Semaphore()
            await plain.acquire()
            return [most, locked_while_full, sem.locked(), plain.locked()]

        self.assertEqual(self.run_async(main()), [2, True, False, True])

    @statement("sync.bounded-semaphore.over-release")
    def test_bounded_over_release(self) -> None:
        async def main():
            sem = asyncio.BoundedSemaphore(1)
            try:
                sem.release()
                return "no error"
            except Exception as e:
                return error_name(e)

        self.assertEqual(self.run_async(main()), "ValueError")

    @statement("sync.lock.async-functions")
    def test_async_functions(self) -> None:
        # Python has one coroutine kind (async def): the TypeScript test's async functions.
        log = []

        async def main():
            lock = asyncio.Lock()

            async def worker(name):
                await lock.acquire()
                try:
                    log.append(f"{name} in")
                    await asyncio.sleep(0.001)
                    log.append(f"{name} out")
                finally:
                    lock.release()

            await asyncio.gather(worker("a"), worker("b"))

        self.run_async(main())
        self.assertEqual(log, ["a in", "a out", "b in", "b out"])
