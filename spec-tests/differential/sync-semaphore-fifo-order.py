# Semaphore FIFO order (CPython test_acquire_fifo_order_2, _3, test_acquire_cancel_before_awoken):
# permits go to waiters in arrival order, a task that releases and re-acquires queues behind the
# others, and cancelled waiters are skipped. Iterations counted by a ticker.
import asyncio

async def main():
    loop = asyncio.get_running_loop()
    it = 0
    def tick():
        nonlocal it
        it += 1
        if it < 40:
            loop.call_soon(tick)
    loop.call_soon(tick)
    sem = asyncio.Semaphore(1)
    result = []

    async def c1():
        await sem.acquire()
        result.append(1)
        print(f"{it}: c1 acquired")

    async def c2():
        await sem.acquire()
        result.append(2)
        print(f"{it}: c2 acquired, releases and acquires again")
        sem.release()
        await sem.acquire()
        result.append(4)
        print(f"{it}: c2 acquired again")

    async def c3():
        await sem.acquire()
        result.append(3)
        print(f"{it}: c3 acquired")

    tasks = [asyncio.create_task(c()) for c in (c1, c2, c3)]
    await asyncio.sleep(0)
    sem.release()
    sem.release()
    print(f"{it}: released twice")
    await asyncio.gather(*tasks)
    print(f"{it}: order {result}")

    sem = asyncio.Semaphore(0)

    async def acquire(name):
        try:
            await sem.acquire()
            print(f"{it}: {name} acquired")
        except asyncio.CancelledError:
            print(f"{it}: {name} cancelled")
            raise

    ts = [asyncio.create_task(acquire(f"t{i}")) for i in range(1, 5)]
    await asyncio.sleep(0)
    ts[0].cancel()
    ts[1].cancel()
    sem.release()
    print(f"{it}: cancelled t1, t2 and released")
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(f"{it}: done {[t.done() for t in ts]}, locked={sem.locked()}")
    ts[3].cancel()
    await asyncio.gather(*ts, return_exceptions=True)
    print(f"{it}: end, locked={sem.locked()}")

asyncio.run(main())
