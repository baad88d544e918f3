# gather with a cancelled child: the gather fails with the child's own CancelledError message;
# with return_exceptions the CancelledError in the results keeps the message too.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    a = loop.create_future()
    b = loop.create_future()
    g = asyncio.gather(a, b)
    a.cancel("stop a")
    try:
        await g
    except asyncio.CancelledError as e:
        print(f"gather: CancelledError {e.args}")
    print(f"gather cancelled(): {g.cancelled()}")
    print(f"b done: {b.done()}")
    c = loop.create_future()
    d = loop.create_future()
    g2 = asyncio.gather(c, d, return_exceptions=True)
    c.cancel("stop c")
    d.set_result("d")
    results = await g2
    print(f"return_exceptions: {[type(r).__name__ for r in results]} {results[0].args}")


asyncio.run(main())
