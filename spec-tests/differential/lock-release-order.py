# Lock hand-off: which loop iteration a woken waiter resumes in, and whether the lock is held
# between release() and the waiter's resumption. Iterations are counted by a ticker callback.
import asyncio

async def main():
    loop = asyncio.get_running_loop()
    it = 0
    def tick():
        nonlocal it
        it += 1
        if it < 20:
            loop.call_soon(tick)
    loop.call_soon(tick)
    lock = asyncio.Lock()
    await lock.acquire()

    async def waiter(name):
        print(f"{it}: {name} waits")
        async with lock:
            print(f"{it}: {name} holds")
        print(f"{it}: {name} released")

    a = asyncio.create_task(waiter("a"))
    b = asyncio.create_task(waiter("b"))
    await asyncio.sleep(0)
    print(f"{it}: main releases")
    lock.release()
    print(f"{it}: locked after release: {lock.locked()}")
    await asyncio.gather(a, b)
    print(f"{it}: done, locked={lock.locked()}")

asyncio.run(main())
