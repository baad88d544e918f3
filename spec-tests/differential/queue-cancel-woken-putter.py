# Queue(1): a putter cancelled after get() woke it, before it ran, puts nothing and wakes the next
# putter, which resumes one iteration later and puts its item.
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
    q = asyncio.Queue(1)
    q.put_nowait("first")

    async def putter(item):
        try:
            await q.put(item)
        except asyncio.CancelledError:
            print(f"{it}: putter {item} cancelled, qsize={q.qsize()}")
            raise
        print(f"{it}: putter {item} put")

    a = asyncio.create_task(putter("a"))
    b = asyncio.create_task(putter("b"))
    await asyncio.sleep(0)
    print(f"{it}: main got {q.get_nowait()}")
    a.cancel()
    await asyncio.gather(a, b, return_exceptions=True)
    print(f"{it}: done, items={[q.get_nowait() for _ in range(q.qsize())]}")

asyncio.run(main())
