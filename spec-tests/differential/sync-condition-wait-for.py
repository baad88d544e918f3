# Condition.wait_for: the predicate is checked on entry and after every notification, each time
# one iteration after notify_all(), holding the lock.
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
    cond = asyncio.Condition()
    value = 0

    def predicate():
        print(f"{it}: predicate sees {value}, locked={cond.locked()}")
        return value >= 2 and value

    async def checker():
        async with cond:
            r = await cond.wait_for(predicate)
            print(f"{it}: checker got {r}")

    t = asyncio.create_task(checker())
    for _ in range(3):
        await asyncio.sleep(0)
        async with cond:
            value += 1
            cond.notify_all()
            print(f"{it}: main set {value}")
    await t
    print(f"{it}: done")

asyncio.run(main())
