# A sleep handed to gather, wait or a TaskGroup instead of awaited is a coroutine wrapped in a task:
# sleep(0) so used completes in the third iteration (its done callbacks run then), where an awaited
# one resumes its task in the next.
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
    start = it
    await asyncio.sleep(0)
    print(f"await sleep(0): +{it - start}")
    start = it
    await asyncio.gather(asyncio.sleep(0))
    print(f"gather(sleep(0)): +{it - start}")
    start = it
    await asyncio.wait([asyncio.ensure_future(asyncio.sleep(0))])
    print(f"wait([ensure_future(sleep(0))]): +{it - start}")
    start = it
    async with asyncio.TaskGroup() as tg:
        tg.create_task(asyncio.sleep(0))
    print(f"TaskGroup child sleep(0): +{it - start}")
    start = it
    await asyncio.shield(asyncio.sleep(0))
    print(f"shield(sleep(0)): +{it - start}")


asyncio.run(main())
