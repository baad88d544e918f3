# Chapter 4: tasks run coroutines concurrently. sleep(0) gives up exactly one loop iteration, so the
# two counters interleave deterministically. Python twin of 04-first-task.ts.
import asyncio


async def counter(name, n):
    for i in range(n):
        print(f"{name}: {i}")
        await asyncio.sleep(0)
    return f"{name} counted to {n}"


async def main():
    a = asyncio.ensure_future(counter("A", 3))
    b = asyncio.ensure_future(counter("B", 2))
    print("tasks created; none has run yet")
    results = await asyncio.gather(a, b)
    print(f"results: {results}")


loop = asyncio.new_event_loop()
loop.run_until_complete(main())
loop.close()
