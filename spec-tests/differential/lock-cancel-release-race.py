# Lock (CPython issue 32734, test_cancel_release_race): in one callback the first waiter is
# cancelled and then the lock released; exactly one of the others takes the lock, one iteration
# after the cancelled waiter ran.
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
    lock = asyncio.Lock()
    taken = []

    async def lockit(name):
        await lock.acquire()
        taken.append(name)
        print(f"{it}: {name} took the lock")

    def trigger():
        print(f"{it}: trigger cancels t1 and releases")
        t1.cancel()
        lock.release()

    await lock.acquire()
    t1 = asyncio.create_task(lockit("t1"))
    t2 = asyncio.create_task(lockit("t2"))
    t3 = asyncio.create_task(lockit("t3"))
    await asyncio.sleep(0)
    loop.call_soon(trigger)
    try:
        await t1
    except asyncio.CancelledError:
        print(f"{it}: t1 cancelled, taken={taken}")
    await asyncio.sleep(0)
    print(f"{it}: t2.done={t2.done()}, t3.done={t3.done()}, locked={lock.locked()}")
    t3.cancel()
    await asyncio.sleep(0)
    print(f"{it}: t3.cancelled={t3.cancelled()}, taken={taken}")

asyncio.run(main())
