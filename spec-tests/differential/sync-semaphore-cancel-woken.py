# Semaphore: a waiter cancelled after release() woke it, before it ran, gives the permit back and
# wakes the next waiter, which resumes one iteration after that.
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
    await sem.acquire()

    async def waiter(name):
        try:
            await sem.acquire()
        except asyncio.CancelledError:
            print(f"{it}: {name} cancelled, locked={sem.locked()}")
            raise
        print(f"{it}: {name} acquired")
        sem.release()

    tasks = [asyncio.create_task(waiter(n)) for n in "abc"]
    await asyncio.sleep(0)
    sem.release()
    tasks[0].cancel()
    print(f"{it}: main released and cancelled a, locked={sem.locked()}")
    await asyncio.gather(*tasks, return_exceptions=True)
    print(f"{it}: done, locked={sem.locked()}")

asyncio.run(main())
