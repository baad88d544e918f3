# More TaskGroup cases ported from CPython's test_taskgroups (13-19, with shorter delays): which
# group an error surfaces in when groups nest, a cancelled body that waits before re-raising, a
# body that turns its cancellation into another error, and a body error beside a child's.
import asyncio


class MyExc(Exception):
    pass


def name(e):
    return "group" if isinstance(e, BaseExceptionGroup) else type(e).__name__


def shape(e):
    if isinstance(e, BaseExceptionGroup):
        return "group(" + ", ".join(sorted(shape(x) for x in e.exceptions)) + ")"
    return name(e)


async def outcome(coro):
    try:
        await coro
        return "no error"
    except BaseException as e:  # noqa: BLE001
        return shape(e)


async def main():
    async def crash_after(t):
        await asyncio.sleep(t)
        raise ValueError(t)

    async def t13():
        async with asyncio.TaskGroup() as g1:
            g1.create_task(crash_after(0.01))
            async with asyncio.TaskGroup() as g2:
                g2.create_task(crash_after(10))

    print(f"13 outer child fails first: {await outcome(asyncio.ensure_future(t13()))}")

    async def t14():
        async with asyncio.TaskGroup() as g1:
            g1.create_task(crash_after(10))
            async with asyncio.TaskGroup() as g2:
                g2.create_task(crash_after(0.01))

    print(f"14 inner child fails first: {await outcome(asyncio.ensure_future(t14()))}")

    async def crash_soon():
        await asyncio.sleep(0.02)
        1 / 0

    async def crash_when(gate):
        await gate
        1 / 0

    async def t15():
        # The child fails while the cancelled body waits: the body releases it, then waits until the
        # group cancels it for that failure (no timer decides which comes first).
        gate = asyncio.get_running_loop().create_future()
        async with asyncio.TaskGroup() as g1:
            g1.create_task(crash_when(gate))
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                gate.set_result(None)
                await asyncio.sleep(10)
                raise

    r = asyncio.ensure_future(t15())
    await asyncio.sleep(0.01)
    r.cancel()
    print(f"15 cancelled body waits, child fails meanwhile: {await outcome(r)}")

    async def t16():
        await asyncio.ensure_future(t15())

    r = asyncio.ensure_future(t16())
    await asyncio.sleep(0.01)
    r.cancel()
    print(f"16 the same one task further: {await outcome(r)}")

    num = 0

    async def t17():
        nonlocal num
        async with asyncio.TaskGroup():
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                num += 10
                raise

    r = asyncio.ensure_future(t17())
    await asyncio.sleep(0.01)
    r.cancel()
    print(f"17 empty group cancelled: {await outcome(r)}, num {num}")

    async def t18():
        nonlocal num
        async with asyncio.TaskGroup():
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                num += 10
                raise MyExc

    r = asyncio.ensure_future(t18())
    await asyncio.sleep(0.01)
    r.cancel()
    print(f"18 cancellation turned into MyExc: {await outcome(r)}, num {num}")

    async def nested():
        try:
            await asyncio.sleep(10)
        finally:
            raise MyExc

    async def t19():
        async with asyncio.TaskGroup() as g:
            g.create_task(crash_soon())
            await nested()

    print(f"19 body error beside a child's: {await outcome(asyncio.ensure_future(t19()))}")


asyncio.run(main())
