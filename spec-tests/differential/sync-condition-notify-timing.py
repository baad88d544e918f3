# Condition: a notified waiter resumes one iteration after notify() (the notifier released the
# lock in the same step) and holds the lock again when wait() returns.
import asyncio

async def main():
    loop = asyncio.get_running_loop()
    it = 0
    def tick():
        nonlocal it
        it += 1
        if it < 30:
            loop.call_soon(tick)
    loop.call_soon(tick)
    cond = asyncio.Condition()

    async def waiter(name):
        async with cond:
            print(f"{it}: {name} waits")
            r = await cond.wait()
            print(f"{it}: {name} woken {r}, locked={cond.locked()}")
        print(f"{it}: {name} left")

    a = asyncio.create_task(waiter("a"))
    b = asyncio.create_task(waiter("b"))
    await asyncio.sleep(0)
    async with cond:
        cond.notify(1)
        print(f"{it}: main notified one")
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    async with cond:
        cond.notify()
        print(f"{it}: main notified another")
    await asyncio.gather(a, b)
    print(f"{it}: done, locked={cond.locked()}")

asyncio.run(main())
