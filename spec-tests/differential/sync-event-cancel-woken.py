# Event: a waiter cancelled in the iteration set() woke it sees CancelledError when it resumes; the
# other waiters are not affected. Iterations counted by a ticker.
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
        try:
            await ev.wait()
            print(f"{it}: {name} woken")
        except asyncio.CancelledError:
            print(f"{it}: {name} cancelled")
            raise

    a = asyncio.create_task(waiter("a"))
    b = asyncio.create_task(waiter("b"))
    c = asyncio.create_task(waiter("c"))
    await asyncio.sleep(0)
    c.cancel()
    await asyncio.sleep(0)
    ev.set()
    a.cancel()
    print(f"{it}: main set and cancelled a")
    rs = await asyncio.gather(a, b, c, return_exceptions=True)
    print(f"{it}: {[type(r).__name__ for r in rs]}")

asyncio.run(main())
