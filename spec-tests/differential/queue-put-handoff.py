# Queue(1): a get() wakes the first blocked putter, which puts its item when it resumes one
# iteration later; until then the queue stays one item short.
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
    q.put_nowait(0)

    async def putter(item):
        print(f"{it}: putter {item} waits, full={q.full()}")
        await q.put(item)
        print(f"{it}: putter {item} put, qsize={q.qsize()}")

    tasks = [asyncio.create_task(putter(i)) for i in (1, 2)]
    await asyncio.sleep(0)
    got = await q.get()
    print(f"{it}: main got {got}, qsize={q.qsize()}")
    await asyncio.sleep(0)
    got = q.get_nowait()
    print(f"{it}: main got {got}, qsize={q.qsize()}")
    await asyncio.gather(*tasks)
    print(f"{it}: done, items={[q.get_nowait() for _ in range(q.qsize())]}")

asyncio.run(main())
