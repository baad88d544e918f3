# Two children of a TaskGroup fail: the parent task is cancelled once and uncancelled once, so its
# cancelling() count is 0 after the group and a later timeout still turns into TimeoutError.
import asyncio


async def main():
    task = asyncio.current_task()

    async def fail(name):
        await asyncio.sleep(0)
        raise ValueError(name)

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail("a"))
            tg.create_task(fail("b"))
            await asyncio.sleep(1)
    except* ValueError as eg:
        print(f"group: {sorted(str(e) for e in eg.exceptions)}")
    print(f"cancelling after group: {task.cancelling()}")
    try:
        async with asyncio.timeout(0.01):
            await asyncio.sleep(1)
    except TimeoutError:
        print("later timeout: TimeoutError")
    print(f"cancelling at end: {task.cancelling()}")


asyncio.run(main())
