# Queue: a put() wakes the first blocked getter, which takes the item when it resumes one
# iteration later; until then the item is still in the queue (qsize() counts it).
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
        print(f"{it}: {name} waits")
        item = await q.get()
        print(f"{it}: {name} got {item}, qsize={q.qsize()}")

    tasks = [asyncio.create_task(getter(n)) for n in "ab"]
    await asyncio.sleep(0)
    await q.put(1)
    print(f"{it}: main put 1, qsize={q.qsize()}")
    q.put_nowait(2)
    print(f"{it}: main put 2, qsize={q.qsize()}")
    await asyncio.gather(*tasks)
    print(f"{it}: done, qsize={q.qsize()}")

asyncio.run(main())
