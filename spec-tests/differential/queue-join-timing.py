# Queue.join(): a joiner resumes one iteration after the task_done() that brings the count of
# unfinished items to zero; join() with nothing unfinished does not yield.
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
    for i in range(2):
        q.put_nowait(i)

    async def joiner(name):
        print(f"{it}: {name} joins")
        await q.join()
        print(f"{it}: {name} joined")

    tasks = [asyncio.create_task(joiner(n)) for n in "ab"]
    await asyncio.sleep(0)
    q.get_nowait()
    q.task_done()
    print(f"{it}: one done")
    await asyncio.sleep(0)
    q.get_nowait()
    q.task_done()
    print(f"{it}: all done")
    await asyncio.gather(*tasks)
    await q.join()
    print(f"{it}: joined at once")

asyncio.run(main())
