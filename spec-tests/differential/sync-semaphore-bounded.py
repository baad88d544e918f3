# BoundedSemaphore: hand-off timing as Semaphore, and ValueError on a release above the bound
# (checked after the woken waiter ran, when every permit is back).
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
    sem = asyncio.BoundedSemaphore(1)
    await sem.acquire()

    async def waiter(name):
        async with sem:
            print(f"{it}: {name} holds, locked={sem.locked()}")

    a = asyncio.create_task(waiter("a"))
    b = asyncio.create_task(waiter("b"))
    await asyncio.sleep(0)
    sem.release()
    print(f"{it}: main released, locked={sem.locked()}")
    await asyncio.gather(a, b)
    try:
        sem.release()
    except ValueError as e:
        print(f"{it}: {type(e).__name__}")
    print(f"{it}: done, locked={sem.locked()}")

asyncio.run(main())
