# A timeout whose body swallows the CancelledError: no TimeoutError, expired() is True, and the
# task is uncancelled anyway (cancelling() back to 0).
import asyncio


async def main():
    task = asyncio.current_task()
    async with asyncio.timeout(0.01) as cm:
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            print(f"body swallowed, cancelling {task.cancelling()}")
    print(f"after block: expired {cm.expired()}, cancelling {task.cancelling()}")
    try:
        async with asyncio.timeout(0.01):
            await asyncio.sleep(1)
    except TimeoutError as e:
        print(f"next timeout: {type(e).__name__}, cause {type(e.__cause__).__name__}")
    print(f"cancelling {task.cancelling()}")


asyncio.run(main())
