# as_completed's items take the next done future when they are awaited, not when they are made;
# an item whose task is cancelled after it was woken passes the wake-up on to the next waiting item.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    a = loop.create_future()
    b = loop.create_future()
    items = list(asyncio.as_completed([a, b]))
    loop.call_soon(a.set_result, "a")
    loop.call_soon(loop.call_soon, b.set_result, "b")
    second = await items[1]
    first = await items[0]
    print(f"awaited second item first: {second}, then {first}")
    c = loop.create_future()
    d = loop.create_future()
    it = iter(asyncio.as_completed([c, d]))
    t1 = asyncio.ensure_future(next(it))
    t2 = asyncio.ensure_future(next(it))
    await asyncio.sleep(0)
    c.set_result("c")
    await asyncio.sleep(0)
    t1.cancel()
    try:
        await t1
    except asyncio.CancelledError:
        print(f"t1 cancelled: {t1.cancelled()}")
    print(f"t2 got: {await t2}")
    d.set_result("d")


asyncio.run(main())
