# Condition: notify() while the notifier keeps the lock for two more iterations: the waiters are
# woken at once but re-acquire the lock one by one after it is released.
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
            await cond.wait()
            print(f"{it}: {name} holds the lock again")
            await asyncio.sleep(0)
            print(f"{it}: {name} leaves")

    tasks = [asyncio.create_task(waiter(n)) for n in "abc"]
    await asyncio.sleep(0)
    await cond.acquire()
    cond.notify_all()
    print(f"{it}: main notified all, keeps the lock")
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(f"{it}: main releases")
    cond.release()
    await asyncio.gather(*tasks)
    print(f"{it}: done, locked={cond.locked()}")

asyncio.run(main())
