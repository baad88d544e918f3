# Semaphore(2): four workers; each release() wakes the first waiter, which resumes one iteration
# later; locked() is True while waiters queue even if a permit is counted for a woken one.
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
    sem = asyncio.Semaphore(2)

    async def worker(name):
        async with sem:
            print(f"{it}: {name} in, locked={sem.locked()}")
            await asyncio.sleep(0)
        print(f"{it}: {name} out")

    await asyncio.gather(*(worker(n) for n in "abcd"))
    print(f"{it}: done, locked={sem.locked()}")

asyncio.run(main())
