# wait_for with a timeout <= 0: a coroutine is cancelled before its first step (it never runs),
# the TimeoutError's __cause__ is the CancelledError, a done future gives its result, and a future
# that swallows the cancellation gives its value.
import asyncio


async def main():
    started = []

    async def body():
        started.append("body")
        return "value"

    for t in (0, -1):
        try:
            await asyncio.wait_for(body(), t)
            print(f"timeout {t}: no error")
        except TimeoutError as e:
            print(f"timeout {t}: {type(e).__name__}, cause {type(e.__cause__).__name__}")
    print(f"body started: {started}")
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    done.set_result("ready")
    print(f"done future: {await asyncio.wait_for(done, 0)}")

    async def stubborn():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            return "swallowed"

    task = asyncio.ensure_future(stubborn())
    await asyncio.sleep(0)
    print(f"stubborn: {await asyncio.wait_for(task, 0)}")
    print(f"cancelling: {asyncio.current_task().cancelling()}")


asyncio.run(main())
