# Queue(2): a producer and a consumer hand items over through a small queue; the trace shows in
# which iteration each put and get completes.
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
    q = asyncio.Queue(2)

    async def producer():
        for i in range(5):
            await q.put(i)
            print(f"{it}: put {i}, qsize={q.qsize()}")

    async def consumer():
        for _ in range(5):
            item = await q.get()
            print(f"{it}: got {item}, qsize={q.qsize()}")
            q.task_done()

    p = asyncio.create_task(producer())
    c = asyncio.create_task(consumer())
    await asyncio.sleep(0)
    await q.join()
    print(f"{it}: joined")
    await asyncio.gather(p, c)
    print(f"{it}: done")

asyncio.run(main())
