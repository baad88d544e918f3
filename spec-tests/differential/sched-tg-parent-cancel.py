# The task running a TaskGroup is cancelled from outside while the body waits: the child is
# cancelled, the group waits for it, and the CancelledError propagates (cancelling() stays 1).
# One child only: asyncio cancels a group's children in set order, which varies.
import asyncio


async def main():
    log = []

    async def child(name):
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            log.append(f"{name} cancelled")
            await asyncio.sleep(0)
            log.append(f"{name} done")
            raise

    async def parent():
        try:
            async with asyncio.TaskGroup() as tg:
                tg.create_task(child("a"))
                await asyncio.sleep(1)
        except asyncio.CancelledError:
            log.append(f"parent sees CancelledError, cancelling {asyncio.current_task().cancelling()}")
            raise

    t = asyncio.ensure_future(parent())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        log.append(f"parent cancelled {t.cancelled()}")
    for line in log:
        print(line)


asyncio.run(main())
