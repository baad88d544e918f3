# TaskGroup cases from CPython's test_taskgroups: children that fail while being cancelled turn a
# parent cancellation into the group's error; a body that fails at once cancels children that never
# started; nested groups nest their errors; a child that fails while the group waits for it joins
# the body's error. (A group of errors prints as "group": ExceptionGroup here, AggregateError in TS.)
import asyncio


def name(e):
    return "group" if isinstance(e, BaseExceptionGroup) else type(e).__name__


def types(eg):
    return sorted({name(e) for e in eg.exceptions})


async def main():
    loop = asyncio.get_running_loop()

    async def fails_in_finally():
        try:
            await asyncio.sleep(10)
        finally:
            1 / 0

    async def runner():
        async with asyncio.TaskGroup() as g:
            for _ in range(3):
                g.create_task(fails_in_finally())
            await asyncio.sleep(10)

    r = asyncio.ensure_future(runner())
    await asyncio.sleep(0.01)
    r.cancel()
    try:
        await r
    except BaseExceptionGroup as eg:
        print(f"cancelled parent, children fail: {name(eg)} {types(eg)}, {len(eg.exceptions)} errors")

    started = []

    async def child(name):
        started.append(name)
        await asyncio.sleep(1)

    tasks = []
    try:
        async with asyncio.TaskGroup() as g:
            tasks.append(g.create_task(child("a")))
            tasks.append(g.create_task(child("b")))
            1 / 0
    except BaseExceptionGroup as eg:
        print(f"body fails at once: {types(eg)}, started {started}, cancelled {[t.cancelled() for t in tasks]}")

    async def nested():
        async with asyncio.TaskGroup():
            async with asyncio.TaskGroup() as g2:
                g2.create_task(fails_in_finally())
                await asyncio.sleep(10)

    r = asyncio.ensure_future(nested())
    await asyncio.sleep(0.01)
    r.cancel()
    try:
        await r
    except BaseExceptionGroup as eg:
        inner = eg.exceptions[0]
        print(f"nested: {types(eg)} containing {types(inner)}")

    handled = []
    loop.set_exception_handler(lambda _l, ctx: handled.append(type(ctx.get("exception")).__name__))

    async def late_failure():
        try:
            await asyncio.sleep(10)
        finally:
            await asyncio.sleep(0)
            raise KeyError("late")

    async def outer():
        async with asyncio.TaskGroup() as g:
            g.create_task(late_failure())
            await asyncio.sleep(0)
            raise ValueError("body")

    try:
        await outer()
    except BaseExceptionGroup as eg:
        print(f"body and late child: {sorted(type(e).__name__ for e in eg.exceptions)}, handler {handled}")


asyncio.run(main())
