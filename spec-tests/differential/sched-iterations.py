# Which loop iteration the waiting task resumes in after the awaited thing completes, for gather,
# shield, a TaskGroup's end, a timeout's expiry and as_completed, counted by a ticker. (wait_for
# is left out: 3.11 resumes one iteration later than 3.12 and 3.13.)
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    it = 0

    def tick():
        nonlocal it
        it += 1
        if it < 200:
            loop.call_soon(tick)

    loop.call_soon(tick)
    await asyncio.sleep(0)

    def later(value, delay_iterations=1):
        f = loop.create_future()

        def step(n):
            if n == 0:
                f.set_result(value)
            else:
                loop.call_soon(step, n - 1)

        loop.call_soon(step, delay_iterations - 1)
        return f

    start = it
    await asyncio.gather(later(1), later(2, 2))
    print(f"gather: +{it - start}")
    start = it
    await asyncio.shield(later(1))
    print(f"shield: +{it - start}")
    start = it
    async def child():
        await asyncio.sleep(0)

    async with asyncio.TaskGroup() as tg:
        tg.create_task(child())
    print(f"task group, one child that sleeps 0: +{it - start}")
    start = it
    async with asyncio.TaskGroup():
        pass
    print(f"empty task group: +{it - start}")
    start = it
    try:
        async with asyncio.timeout(0):
            await loop.create_future()
    except TimeoutError:
        print(f"timeout(0): +{it - start}")
    start = it
    fut = later(3)
    for f in asyncio.as_completed([fut]):
        await f
    print(f"as_completed: +{it - start}")


asyncio.run(main())
