# Timeout edge cases from CPython's test_timeouts: timeout(0) and a past deadline around a sleep(0),
# a nested timeout in a finally, a timeout after a swallowed cancellation (cancelling() is 1 at
# entry), a cancel inside such a timeout, and a foreign cancel before the deadline.
import asyncio


async def main():
    for delay in (0, -11):
        try:
            async with asyncio.timeout(delay) as cm:
                await asyncio.sleep(0)
            print(f"timeout({delay}) around sleep(0): no error")
        except TimeoutError:
            print(f"timeout({delay}) around sleep(0): TimeoutError, expired {cm.expired()}")
    try:
        async with asyncio.timeout(0.01):
            try:
                await asyncio.sleep(1)
            finally:
                try:
                    async with asyncio.timeout(0.01):
                        await asyncio.sleep(10)
                except TimeoutError:
                    print("nested in finally: inner TimeoutError")
    except TimeoutError:
        print("nested in finally: outer TimeoutError")

    async def after_cancellation():
        task = asyncio.current_task()
        try:
            task.cancel()
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            pass
        print(f"after a swallowed cancel: cancelling {task.cancelling()}")
        try:
            async with asyncio.timeout(0):
                await asyncio.sleep(1)
        except TimeoutError:
            print("timeout after cancellation: TimeoutError")
        try:
            async with asyncio.timeout(1):
                task.cancel()
                await asyncio.sleep(2)
        except asyncio.CancelledError:
            print(f"cancel in timeout after cancellation: CancelledError, cancelling {task.cancelling()}")
        return "done"

    print(await asyncio.ensure_future(after_cancellation()))

    async def foreign():
        try:
            async with asyncio.timeout(10) as cm:
                asyncio.current_task().cancel()
                await asyncio.sleep(10)
        except asyncio.CancelledError:
            return f"foreign cancel: CancelledError, expired {cm.expired()}"

    print(await asyncio.ensure_future(foreign()))


asyncio.run(main())
