# Cancelling a task in wait_for: the wait does not end until the inner task has finished
# cancelling (it catches the CancelledError and cleans up for a few iterations first). Iteration
# numbers are not printed: 3.11's wait_for resumes two iterations later than 3.12's.
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

    async def inner():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            print(f"inner cancelled, cleaning up")
            for _ in range(3):
                await asyncio.sleep(0)
            print(f"inner cleaned up")
            raise

    inner_task = asyncio.ensure_future(inner())

    async def outer():
        try:
            await asyncio.wait_for(inner_task, 10)
        except asyncio.CancelledError:
            print(f"outer cancelled, inner done {inner_task.done()}")
            raise

    outer_task = asyncio.ensure_future(outer())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(f"cancel outer")
    outer_task.cancel()
    try:
        await outer_task
    except asyncio.CancelledError:
        print(f"outer_task cancelled {outer_task.cancelled()}, inner cancelled {inner_task.cancelled()}")


asyncio.run(main())
