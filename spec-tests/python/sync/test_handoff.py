"""Twins of spec-tests/tests/sync/handoff.test.ts (PEP 3156 § Locks, § Queues): iteration timings."""

import asyncio

from twinlib import TwinCase, error_name, statement


def iterations(loop):
    """Counts loop iterations: a call_soon callback that schedules itself again (50 times at most)."""
    it = 0

    def tick():
        nonlocal it
        it += 1
        if it < 50:
            loop.call_soon(tick)

    loop.call_soon(tick)
    return lambda: it


def low(value: bool) -> str:
    return "true" if value else "false"


class Handoff(TwinCase):
    @statement("sync.lock.handoff-timing")
    def test_lock_handoff(self) -> None:
        async def main():
            it = iterations(self.loop)
            log = []
            lock = asyncio.Lock()
            await lock.acquire()

            async def a_body():
                await lock.acquire()
                log.append(f"{it()} a holds")
                await asyncio.sleep(0)
                lock.release()
                log.append(f"{it()} a released")

            a = asyncio.create_task(a_body())
            await asyncio.sleep(0)
            lock.release()
            log.append(f"{it()} main released, locked={low(lock.locked())}")
            await lock.acquire()
            log.append(f"{it()} main holds")
            lock.release()
            await a
            return log

        self.assertEqual(
            self.run_async(main()), ["1 main released, locked=false", "2 a holds", "3 a released", "4 main holds"]
        )

    @statement("sync.lock.cancelled-handoff-timing")
    def test_lock_cancelled_handoff(self) -> None:
        async def main():
            it = iterations(self.loop)
            log = []
            lock = asyncio.Lock()
            await lock.acquire()

            async def waiter(name):
                try:
                    await lock.acquire()
                except BaseException as e:
                    log.append(f"{it()} {name} {error_name(e)}, locked={low(lock.locked())}")
                    raise
                log.append(f"{it()} {name} holds")
                lock.release()

            tasks = [asyncio.create_task(waiter(n)) for n in "abc"]
            await asyncio.sleep(0)
            lock.release()
            tasks[0].cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            return log

        self.assertEqual(self.run_async(main()), ["2 a CancelledError, locked=false", "3 b holds", "4 c holds"])

    @statement("sync.event.wake-timing")
    def test_event_wake(self) -> None:
        async def main():
            it = iterations(self.loop)
            log = []
            ev = asyncio.Event()

            async def waiter(name):
                await ev.wait()
                log.append(f"{it()} {name} woken, set={low(ev.is_set())}")

            tasks = [asyncio.create_task(waiter(n)) for n in "abc"]
            await asyncio.sleep(0)
            ev.set()
            ev.clear()
            await asyncio.gather(*tasks)
            ev.set()
            before = it()
            await ev.wait()
            log.append(f"set event waited {it() - before} iterations")
            return log

        self.assertEqual(
            self.run_async(main()),
            ["2 a woken, set=false", "2 b woken, set=false", "2 c woken, set=false", "set event waited 0 iterations"],
        )

    @statement("sync.condition.notify-timing")
    def test_condition_notify(self) -> None:
        async def main():
            it = iterations(self.loop)
            log = []
            cond = asyncio.Condition()

            async def waiter(name):
                await cond.acquire()
                try:
                    await cond.wait()
                    log.append(f"{it()} {name} woken, locked={low(cond.locked())}")
                    await asyncio.sleep(0)
                finally:
                    cond.release()

            a = asyncio.create_task(waiter("a"))
            await asyncio.sleep(0)
            await cond.acquire()
            cond.notify()
            cond.release()
            log.append(f"{it()} notified a")
            await a
            tasks = [asyncio.create_task(waiter(n)) for n in "bc"]
            await asyncio.sleep(0)
            await cond.acquire()
            cond.notify_all()
            log.append(f"{it()} notified all, holding the lock")
            await asyncio.sleep(0)
            cond.release()
            log.append(f"{it()} released")
            await asyncio.gather(*tasks)
            return log

        self.assertEqual(
            self.run_async(main()),
            [
                "1 notified a",
                "2 a woken, locked=true",
                "5 notified all, holding the lock",
                "6 released",
                "7 b woken, locked=true",
                "9 c woken, locked=true",
            ],
        )

    @statement("sync.semaphore.handoff-timing")
    def test_semaphore_handoff(self) -> None:
        async def main():
            it = iterations(self.loop)
            log = []
            sem = asyncio.Semaphore(0)

            async def a_body():
                await sem.acquire()
                log.append(f"{it()} a acquired, locked={low(sem.locked())}")

            a = asyncio.create_task(a_body())
            await asyncio.sleep(0)
            sem.release()
            sem.release()
            log.append(f"{it()} released twice, locked={low(sem.locked())}")
            await sem.acquire()
            log.append(f"{it()} main acquired, locked={low(sem.locked())}")
            await a
            return log

        self.assertEqual(
            self.run_async(main()),
            ["1 released twice, locked=true", "2 a acquired, locked=true", "3 main acquired, locked=true"],
        )

    @statement("sync.barrier.draining")
    def test_barrier_draining(self) -> None:
        async def main():
            it = iterations(self.loop)
            log = []
            barrier = asyncio.Barrier(2)

            async def party(name):
                i = await barrier.wait()
                log.append(f"{it()} {name} passes with index {i}, nWaiting={barrier.n_waiting}")

            tasks = [asyncio.create_task(party(n)) for n in "abcd"]
            await asyncio.gather(*tasks)
            return log

        self.assertEqual(
            self.run_async(main()),
            [
                "1 b passes with index 1, nWaiting=0",
                "2 a passes with index 0, nWaiting=0",
                "3 d passes with index 1, nWaiting=0",
                "4 c passes with index 0, nWaiting=0",
            ],
        )

    @statement("sync.barrier.reset-draining")
    def test_barrier_reset_draining(self) -> None:
        async def main():
            it = iterations(self.loop)
            log = []
            barrier = asyncio.Barrier(2)

            async def party(name):
                try:
                    i = await barrier.wait()
                    log.append(f"{it()} {name} passes with index {i}")
                except Exception as e:
                    log.append(f"{it()} {name} {error_name(e)}")

            a = asyncio.create_task(party("a"))
            await asyncio.sleep(0)
            b = asyncio.create_task(party("b"))
            await asyncio.sleep(0)
            await barrier.reset()
            c = asyncio.create_task(party("c"))
            await asyncio.gather(a, b)
            await asyncio.sleep(0)
            log.append(f"{it()} nWaiting={barrier.n_waiting}, broken={low(barrier.broken)}")
            await barrier.reset()
            await c
            return log

        self.assertEqual(
            self.run_async(main()),
            ["2 b passes with index 1", "3 a BrokenBarrierError", "6 nWaiting=1, broken=false", "7 c BrokenBarrierError"],
        )

    @statement("sync.queue.handoff-timing")
    def test_queue_handoff(self) -> None:
        async def main():
            it = iterations(self.loop)
            log = []
            q = asyncio.Queue(1)

            async def getter_body():
                item = await q.get()
                log.append(f"{it()} got {item}, qsize={q.qsize()}")

            getter = asyncio.create_task(getter_body())
            await asyncio.sleep(0)
            q.put_nowait(1)
            log.append(f"{it()} put 1, qsize={q.qsize()}")
            await getter
            q.put_nowait(2)

            async def putter_body():
                await q.put(3)
                log.append(f"{it()} put 3, qsize={q.qsize()}")

            putter = asyncio.create_task(putter_body())
            await asyncio.sleep(0)
            log.append(f"{it()} got {q.get_nowait()}, qsize={q.qsize()}")
            await putter
            return log

        self.assertEqual(
            self.run_async(main()), ["1 put 1, qsize=1", "2 got 1, qsize=0", "4 got 2, qsize=0", "5 put 3, qsize=1"]
        )

    @statement("sync.queue.cancelled-putter")
    def test_queue_cancelled_putter(self) -> None:
        async def main():
            it = iterations(self.loop)
            log = []
            q = asyncio.Queue(1)
            q.put_nowait("first")

            async def putter(item):
                try:
                    await q.put(item)
                except BaseException as e:
                    log.append(f"{it()} {item} {error_name(e)}, qsize={q.qsize()}")
                    raise
                log.append(f"{it()} {item} put")

            a = asyncio.create_task(putter("a"))
            b = asyncio.create_task(putter("b"))
            await asyncio.sleep(0)
            q.get_nowait()
            a.cancel()
            await asyncio.gather(a, b, return_exceptions=True)
            log.append(f"items: {q.get_nowait()}, left {q.qsize()}")
            return log

        self.assertEqual(self.run_async(main()), ["2 a CancelledError, qsize=0", "3 b put", "items: b, left 0"])

    @statement("sync.queue.join-timing")
    def test_queue_join(self) -> None:
        async def main():
            it = iterations(self.loop)
            log = []
            q = asyncio.Queue()
            q.put_nowait(1)
            q.put_nowait(2)

            async def joiner_body():
                await q.join()
                log.append(f"{it()} joined")

            joiner = asyncio.create_task(joiner_body())
            await asyncio.sleep(0)
            q.get_nowait()
            q.task_done()
            await asyncio.sleep(0)
            q.get_nowait()
            q.task_done()
            log.append(f"{it()} all done")
            await joiner
            before = it()
            await q.join()
            log.append(f"join with nothing unfinished waited {it() - before} iterations")
            return log

        self.assertEqual(self.run_async(main()), ["2 all done", "3 joined", "join with nothing unfinished waited 0 iterations"])
