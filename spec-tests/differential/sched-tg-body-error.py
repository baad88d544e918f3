# The body of a TaskGroup fails: the children are cancelled (and awaited), and the body's error
# joins the group's errors, after the children's.
import asyncio


async def main():
    log = []

    async def child(name, delay, fail=False):
        try:
            await asyncio.sleep(delay)
            if fail:
                raise KeyError(name)
            log.append(f"{name} finished")
        except asyncio.CancelledError:
            log.append(f"{name} cancelled")
            raise

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child("slow", 1))
            await asyncio.sleep(0)
            raise ZeroDivisionError("body")
    except BaseExceptionGroup as eg:
        print(f"only body: {[type(e).__name__ for e in eg.exceptions]}")
    print(log)
    log.clear()
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child("bad", 0, fail=True))
            tg.create_task(child("slow", 1))
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError:
                log.append("body cancelled")
                raise ZeroDivisionError("body")
    except BaseExceptionGroup as eg:
        print(f"child then body: {[type(e).__name__ for e in eg.exceptions]}")
    print(log)
    print(f"cancelling: {asyncio.current_task().cancelling()}")


asyncio.run(main())
