# Event: set() wakes every waiter; each resumes one iteration later, in the order they waited,
# even if clear() is called right after set(). A wait() on a set event does not yield.
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
    ev = asyncio.Event()

    async def waiter(name):
        print(f"{it}: {name} waits")
        r = await ev.wait()
        print(f"{it}: {name} woken {r}, is_set={ev.is_set()}")

    tasks = [asyncio.create_task(waiter(n)) for n in "abc"]
    await asyncio.sleep(0)
    ev.set()
    ev.clear()
    print(f"{it}: main set and cleared")
    await asyncio.gather(*tasks)
    print(f"{it}: all woken")
    ev.set()
    r = await ev.wait()
    print(f"{it}: wait on a set event: {r}")

asyncio.run(main())
