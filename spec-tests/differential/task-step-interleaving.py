# Task steps interleaved with plain callbacks: a new task's first step runs in the next iteration;
# sleep(0) gives up exactly one iteration; awaiting a done future (or a finished task) does not
# suspend; a task awaiting a future resumes in the iteration after it is settled, in the order the
# wake-ups were registered; a task awaiting another task resumes one iteration after that one ends.
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
    fut = loop.create_future()
    done = loop.create_future()
    done.set_result("already")

    async def sleeper(name, n):
        for i in range(n):
            print(f"{it}: {name} step {i}")
            await asyncio.sleep(0)
        print(f"{it}: {name} ends")
        return name

    async def waiter(name):
        value = await done
        print(f"{it}: {name} awaited the done future: {value}")
        print(f"{it}: {name} awaits fut")
        value = await fut
        print(f"{it}: {name} resumed with {value}")

    async def joiner():
        print(f"{it}: joiner awaits a")
        value = await a
        print(f"{it}: joiner got {value}")
        value = await a
        print(f"{it}: joiner awaited a again: {value}")

    a = asyncio.create_task(sleeper("a", 2))
    w1 = asyncio.create_task(waiter("w1"))
    j = asyncio.create_task(joiner())
    w2 = asyncio.create_task(waiter("w2"))
    loop.call_soon(lambda: print(f"{it}: callback scheduled after the tasks"))
    print(f"{it}: main created the tasks")
    await asyncio.sleep(0)
    print(f"{it}: main settles fut")
    loop.call_soon(lambda: print(f"{it}: callback scheduled before set_result"))
    fut.set_result(1)
    await asyncio.gather(a, w1, j, w2)
    print(f"{it}: main done")

asyncio.run(main())
