# The task leaving a TaskGroup is cancelled while it waits for the children: the children are
# cancelled, awaited, and the CancelledError propagates; no error reaches the exception handler.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    handled = []
    loop.set_exception_handler(lambda _l, ctx: handled.append(ctx.get("message")))
    log = []

    async def child():
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            log.append("child cancelled")
            raise

    async def parent():
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child())
        log.append("not reached")

    t = asyncio.ensure_future(parent())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        log.append(f"parent cancelled {t.cancelled()}")
    for _ in range(3):
        await asyncio.sleep(0)
    print(log)
    print(f"handler calls: {len(handled)}")


asyncio.run(main())
