# A task whose awaited future is already done, but which has not resumed yet, is cancelled: the
# future cannot be cancelled any more (cancel() on the task still returns True), so the outcome of
# the future is dropped and CancelledError is thrown in at the resumption instead. A future done
# callback registered after the task's wake-up still sees the future's result.
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
    fut = loop.create_future()

    async def waiter():
        try:
            value = await fut
            print(f"{it}: waiter got {value}")
        except asyncio.CancelledError as error:
            print(f"{it}: waiter cancelled instead of getting the result, message '{error}'")
            raise

    t = asyncio.create_task(waiter())
    await asyncio.sleep(0)
    fut.add_done_callback(lambda f: print(f"{it}: done callback sees {f.result()}"))
    fut.set_result("the result")
    print(f"{it}: cancel after set_result: {t.cancel('late')} fut.cancelled={fut.cancelled()}")
    try:
        await t
    except asyncio.CancelledError:
        print(f"{it}: task cancelled={t.cancelled()} cancelling={t.cancelling()}")

asyncio.run(main())
