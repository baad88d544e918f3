# gather over children that are already done gives their results or the first child's exception;
# a failing child does not stop the others. (3.12+ settles such a gather at once, 3.11 one
# iteration later: not shown.)
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    a = loop.create_future()
    a.set_result("a")
    b = loop.create_future()
    b.set_result("b")
    g = asyncio.gather(a, b)
    print(f"all done: {await g}")
    bad = loop.create_future()
    bad.set_exception(KeyError("k"))
    pending = loop.create_future()
    g2 = asyncio.gather(bad, pending)
    try:
        await g2
    except KeyError as e:
        print(f"failed: {type(e).__name__}, other done {pending.done()}")
    pending.set_result("later")
    await asyncio.sleep(0)
    print(f"other child: {pending.result()}")

    async def fails():
        await asyncio.sleep(0)
        raise RuntimeError("boom")

    gate = loop.create_future()  # set by the scenario once gather has failed, not by a timer

    async def works():
        await gate
        return "worked"

    w = asyncio.ensure_future(works())
    try:
        await asyncio.gather(fails(), w)
    except RuntimeError as e:
        print(f"gather raised {type(e).__name__}, works done {w.done()}")
    gate.set_result(None)
    print(f"works then: {await w}")


asyncio.run(main())
