# From CPython's test_tasks: a shield over a gather and a gather over shields (cancelling the outer
# one leaves the inner children alone), wait() seeing futures done whose callbacks have not run,
# a cancel message carried through gather(return_exceptions=True), and a cancelled wait() leaving
# its task running. (wait() over a generator is left out: 3.11 refuses it, 3.12 accepts it; in
# TypeScript a generator is a coroutine, so wait() refuses it as 3.11 does.)
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    c1, c2 = loop.create_future(), loop.create_future()
    parent = asyncio.gather(c1, c2)
    outer = asyncio.shield(parent)
    await asyncio.sleep(0)
    outer.cancel()
    await asyncio.sleep(0)
    c1.set_result(1)
    c2.set_result(2)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(f"shield(gather): outer cancelled {outer.cancelled()}, gather {parent.result()}")

    c3, c4 = loop.create_future(), loop.create_future()
    i1, i2 = asyncio.shield(c3), asyncio.shield(c4)
    g = asyncio.gather(i1, i2)
    await asyncio.sleep(0)
    g.cancel()
    await asyncio.sleep(0)
    print(f"gather(shields): {type(g.exception()).__name__}, inner {i1.cancelled()} {i2.cancelled()}, "
          f"children {c3.cancelled()} {c4.cancelled()}")

    async def coro1():
        await asyncio.sleep(0)

    async def coro2():
        await asyncio.sleep(0)
        await asyncio.sleep(0)

    a = asyncio.ensure_future(coro1())
    b = asyncio.ensure_future(coro2())
    done, pending = await asyncio.wait([b, a], return_when=asyncio.FIRST_COMPLETED)
    print(f"really done: done {len(done)}, pending {len(pending)}")

    async def looping():
        while True:
            await asyncio.gather(asyncio.sleep(0.005), return_exceptions=True)

    t = asyncio.ensure_future(looping())
    await asyncio.sleep(0.02)
    t.cancel("my message")
    try:
        await t
    except asyncio.CancelledError as e:
        print(f"message through gather: {e.args}")

    proof = 0
    waiter = loop.create_future()

    async def inner():
        nonlocal proof
        await waiter
        proof += 1

    async def outer_waits():
        nonlocal proof
        await asyncio.wait([asyncio.ensure_future(inner())])
        proof += 100

    f = asyncio.ensure_future(outer_waits())
    await asyncio.sleep(0)
    f.cancel()
    try:
        await f
    except asyncio.CancelledError:
        pass
    waiter.set_result(None)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(f"cancelled wait leaves its task: proof {proof}")


asyncio.run(main())
