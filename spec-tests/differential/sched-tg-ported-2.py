# More TaskGroup cases ported from CPython's test_taskgroups (24, 25, context_manager_exit_raises):
# a child adding siblings later, children adding children until another fails, and a body whose
# cleanup replaces the CancelledError with its own error (the parent's cancelling() is 0 after).
import asyncio


class CustomError(Exception):
    pass


async def main():
    done = []

    async def coro1(delay):
        await asyncio.sleep(delay)
        done.append(delay)

    async def root(g):
        await asyncio.sleep(0.01)
        g.create_task(coro1(0.01))
        g.create_task(coro1(0.02))

    async with asyncio.TaskGroup() as g:
        g.create_task(root(g))
    print(f"24 siblings added later: {sorted(done)}")

    nhydras = 0

    async def hydra(g):
        nonlocal nhydras
        nhydras += 1
        await asyncio.sleep(0.01)
        g.create_task(hydra(g))
        g.create_task(hydra(g))

    async def hercules():
        while nhydras < 10:
            await asyncio.sleep(0.015)
        1 / 0

    try:
        async with asyncio.TaskGroup() as g:
            g.create_task(hydra(g))
            g.create_task(hercules())
    except BaseExceptionGroup as eg:
        print(f"25 hydra: {sorted({type(e).__name__ for e in eg.exceptions})}, at least 10: {nhydras >= 10}")

    async def raise_exc():
        raise CustomError

    async def exit_raises():
        task = asyncio.current_task()
        try:
            async with asyncio.TaskGroup() as tg:
                try:
                    tg.create_task(raise_exc())
                    await asyncio.sleep(1)
                finally:
                    raise CustomError
        except BaseExceptionGroup as eg:
            return f"{[type(e).__name__ for e in eg.exceptions]}, cancelling {task.cancelling()}"

    print(f"exit raises: {await asyncio.ensure_future(exit_raises())}")


asyncio.run(main())
