# wait_for races from CPython's test_waitfor: the result arriving just in time, a coroutine that
# swallows the timeout's cancellation and returns a value, an exception raised while cancelling,
# and a wait cancelled before it starts. (GH-86296, the waiting task cancelled as the inner task
# finishes, is left out: 3.11 loses that cancellation, 3.12 and 3.13 do not.)
import asyncio


class FooError(Exception):
    pass


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    w = asyncio.wait_for(fut, timeout=0.2)
    loop.call_soon(fut.set_result, "ok")
    print(f"race: {await w}")

    async def swallow():
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            return 42

    print(f"swallowed: {await asyncio.wait_for(swallow(), timeout=0.01)}")

    async def raises_in_cleanup():
        try:
            await asyncio.sleep(0.2)
        finally:
            raise FooError

    inner = asyncio.ensure_future(raises_in_cleanup())
    try:
        await asyncio.wait_for(inner, timeout=0.001)
    except FooError:
        print("exception while cancelling: FooError")

    async def blocking():
        await loop.create_future()

    for t in (None, 10, 0):
        task = asyncio.ensure_future(blocking())
        wait = asyncio.ensure_future(asyncio.wait_for(task, t))
        loop.call_soon(wait.cancel)
        try:
            await wait
        except asyncio.CancelledError:
            await asyncio.sleep(0)
            print(f"cancelled wait (timeout {t}): task cancelled {task.cancelled()}")


asyncio.run(main())
