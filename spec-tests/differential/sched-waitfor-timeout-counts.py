# wait_for's timeout: the TimeoutError's cause is a CancelledError, the inner task is cancelled,
# and the waiting task's cancelling() count is back to 0, so a later wait_for times out again.
import asyncio


async def main():
    task = asyncio.current_task()
    inner = asyncio.ensure_future(asyncio.sleep(10))
    try:
        await asyncio.wait_for(inner, 0.01)
    except TimeoutError as e:
        print(f"first: {type(e).__name__}, cause {type(e.__cause__).__name__}")
    print(f"inner cancelled: {inner.cancelled()}")
    print(f"cancelling: {task.cancelling()}")
    try:
        await asyncio.wait_for(asyncio.sleep(10), 0.01)
    except TimeoutError as e:
        print(f"second: {type(e).__name__}")
    print(f"cancelling: {task.cancelling()}")
    print(f"in time: {await asyncio.wait_for(asyncio.sleep(0, 'ok'), 1)}")


asyncio.run(main())
