# as_completed: results in completion order, then TimeoutError for the rest once the timeout
# passes; the futures not done are not cancelled.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    a = asyncio.ensure_future(asyncio.sleep(0.01, "a"))
    b = asyncio.ensure_future(asyncio.sleep(0.001, "b"))
    c = loop.create_future()
    out = []
    for f in asyncio.as_completed([a, b, c], timeout=0.3):
        try:
            out.append(await f)
        except TimeoutError:
            out.append("TimeoutError")
    print(out)
    print(f"c cancelled: {c.cancelled()}")
    bad = loop.create_future()
    bad.set_exception(KeyError("k"))
    for f in asyncio.as_completed([bad]):
        try:
            await f
        except KeyError as e:
            print(f"exception passes: {type(e).__name__}")


asyncio.run(main())
