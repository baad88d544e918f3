# Queue: a getter cancelled while it waits (not woken) leaves; the next put() wakes the next getter.
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
    q = asyncio.Queue()

    async def getter(name):
        try:
            item = await q.get()
        except asyncio.CancelledError:
            print(f"{it}: {name} cancelled")
            raise
        print(f"{it}: {name} got {item}")

    a = asyncio.create_task(getter("a"))
    b = asyncio.create_task(getter("b"))
    await asyncio.sleep(0)
    a.cancel()
    await asyncio.sleep(0)
    q.put_nowait(1)
    print(f"{it}: main put 1")
    await asyncio.gather(a, b, return_exceptions=True)
    print(f"{it}: done, qsize={q.qsize()}")

asyncio.run(main())
