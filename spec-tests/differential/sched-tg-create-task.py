# TaskGroup.create_task: allowed while the group waits for its children (from a child), refused
# once the group is finished and while it shuts down after a failure; a group must be entered
# from a task.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    log = []
    async with asyncio.TaskGroup() as tg:

        async def spawner():
            await asyncio.sleep(0)
            t = tg.create_task(asyncio.sleep(0, "late child"))
            log.append(await t)

        tg.create_task(spawner())
    print(log)
    late = asyncio.sleep(0)
    try:
        tg.create_task(late)
    except RuntimeError:
        print("after exit: RuntimeError")
    late.close()

    async def fail():
        raise ValueError("x")

    try:
        async with asyncio.TaskGroup() as tg2:
            tg2.create_task(fail())
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError:
                late = asyncio.sleep(0)
                try:
                    tg2.create_task(late)
                except RuntimeError:
                    print("while shutting down: RuntimeError")
                late.close()
                raise
    except* ValueError:
        print("group failed: ValueError")
    outcome = loop.create_future()

    def outside():
        enter = asyncio.TaskGroup().__aenter__()
        try:
            enter.send(None)
            outcome.set_result("no error")
        except RuntimeError:
            outcome.set_result("RuntimeError")

    loop.call_soon(outside)
    print(f"outside a task: {await outcome}")


asyncio.run(main())
