# Queue: a getter cancelled after put() woke it, before it ran, takes nothing and wakes the next
# getter, which resumes one iteration later and gets the item.
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
            print(f"{it}: {name} cancelled, qsize={q.qsize()}")
            raise
        print(f"{it}: {name} got {item}")

    a = asyncio.create_task(getter("a"))
    b = asyncio.create_task(getter("b"))
    await asyncio.sleep(0)
    q.put_nowait("x")
    a.cancel()
    print(f"{it}: main put x and cancelled a")
    await asyncio.gather(a, b, return_exceptions=True)
    print(f"{it}: done, qsize={q.qsize()}, a.cancelled={a.cancelled()}")

asyncio.run(main())
