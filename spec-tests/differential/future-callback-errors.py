# A done callback that raises goes to the exception handler (context keys exception, handle,
# message) and the callbacks after it still run, in the same iteration; a task waiting on the same
# future still resumes. A task that fails hands its exception object to whoever awaits it.
import asyncio

async def main():
    loop = asyncio.get_running_loop()
    it = 0

    def tick():
        nonlocal it
        it += 1
        if it < 30:
            loop.call_soon(tick)

    loop.call_soon(tick)
    loop.set_exception_handler(
        lambda _l, c: print(f"{it}: handler keys={sorted(c)} exception={type(c['exception']).__name__}")
    )
    fut = loop.create_future()
    fut.add_done_callback(lambda f: print(f"{it}: first callback"))

    def broken(f):
        raise IndexError("broken callback")

    fut.add_done_callback(broken)
    fut.add_done_callback(lambda f: print(f"{it}: third callback"))

    async def waiter():
        value = await fut
        print(f"{it}: waiter resumed with {value}")

    w = asyncio.create_task(waiter())
    await asyncio.sleep(0)
    fut.set_result("ok")
    await w

    boom = ArithmeticError("task failed")

    async def failing():
        await asyncio.sleep(0)
        raise boom

    t = asyncio.create_task(failing())
    try:
        await t
    except ArithmeticError as error:
        print(f"{it}: awaiting got the same object: {error is boom}, exception() is it: {t.exception() is boom}")
    print(f"{it}: done={t.done()} cancelled={t.cancelled()}")

asyncio.run(main())
