# LifoQueue and PriorityQueue: a woken getter takes whichever item is first when it resumes, so
# items put in the same iteration as the wake-up decide what it gets.
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

    async def getter(q, name):
        item = await q.get()
        print(f"{it}: {name} got {item}")

    for q, name in ((asyncio.LifoQueue(), "lifo"), (asyncio.PriorityQueue(), "priority")):
        t = asyncio.create_task(getter(q, name))
        await asyncio.sleep(0)
        q.put_nowait(5)
        q.put_nowait(9)
        q.put_nowait(1)
        print(f"{it}: main put 5, 9, 1 into {name}")
        await t
        print(f"{it}: {name} left {[q.get_nowait() for _ in range(q.qsize())]}")

asyncio.run(main())
