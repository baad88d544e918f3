# Semaphore: a waiter cancelled while queued (not woken) takes no permit; release() wakes the next.
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
    sem = asyncio.Semaphore(0)

    async def waiter(name):
        try:
            await sem.acquire()
        except asyncio.CancelledError:
            print(f"{it}: {name} cancelled")
            raise
        print(f"{it}: {name} acquired, locked={sem.locked()}")

    a = asyncio.create_task(waiter("a"))
    b = asyncio.create_task(waiter("b"))
    await asyncio.sleep(0)
    a.cancel()
    await asyncio.sleep(0)
    print(f"{it}: locked={sem.locked()}")
    sem.release()
    await asyncio.gather(a, b, return_exceptions=True)
    print(f"{it}: done, locked={sem.locked()}")

asyncio.run(main())
