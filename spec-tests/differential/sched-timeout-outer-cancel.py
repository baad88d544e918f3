# A timeout that expires while the task is also cancelled from outside: the CancelledError stays a
# CancelledError (another cancellation is pending), and nested timeouts convert only their own.
import asyncio


async def main():
    loop = asyncio.get_running_loop()

    async def body():
        try:
            async with asyncio.timeout(0):
                asyncio.current_task().cancel()
                await asyncio.sleep(1)
        except TimeoutError:
            return "TimeoutError"
        except asyncio.CancelledError:
            return f"CancelledError, cancelling {asyncio.current_task().cancelling()}"

    print(f"outer cancel too: {await asyncio.ensure_future(body())}")

    async def nested():
        task = asyncio.current_task()
        try:
            async with asyncio.timeout(10):
                try:
                    async with asyncio.timeout(0.01):
                        await asyncio.sleep(1)
                except TimeoutError:
                    print(f"inner: TimeoutError, cancelling {task.cancelling()}")
                await asyncio.sleep(0)
                return "outer body finished"
        except TimeoutError:
            return "outer TimeoutError"

    print(await nested())

    async def both():
        task = asyncio.current_task()
        try:
            async with asyncio.timeout(0.01):
                try:
                    async with asyncio.timeout(0.01):
                        await asyncio.sleep(1)
                except TimeoutError:
                    print("inner of both: TimeoutError")
                    await asyncio.sleep(1)
        except TimeoutError:
            print(f"outer of both: TimeoutError, cancelling {task.cancelling()}")

    await both()


asyncio.run(main())
