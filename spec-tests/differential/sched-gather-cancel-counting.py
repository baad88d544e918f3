# gather inside a task that is cancelled: the children are cancelled, the task sees CancelledError
# once they are done, and its cancelling() is 1; gather of a child that is cancelled by itself
# does not cancel the task.
import asyncio


async def main():
    log = []

    async def child(name):
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            log.append(f"{name} cancelled")
            raise

    async def parent():
        try:
            await asyncio.gather(child("a"), child("b"))
        except asyncio.CancelledError:
            log.append(f"parent cancelling {asyncio.current_task().cancelling()}")
            raise

    t = asyncio.ensure_future(parent())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        log.append(f"parent cancelled {t.cancelled()}")
    print(log)

    async def self_cancelling():
        asyncio.current_task().cancel("by itself")
        await asyncio.sleep(0)

    async def other():
        task = asyncio.current_task()
        try:
            await asyncio.gather(self_cancelling(), asyncio.sleep(0.01))
        except asyncio.CancelledError as e:
            return f"CancelledError {e.args}, cancelling {task.cancelling()}"

    print(await other())


asyncio.run(main())
