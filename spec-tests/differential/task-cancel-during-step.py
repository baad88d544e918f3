# A task that cancels itself during a step: the request is kept (cancel() returns True, nothing is
# cancelled yet), delivered at the future it then awaits (with the message), or, if the coroutine
# returns instead, the return value is dropped and the task ends cancelled. A task cancelled
# between two steps (after a bare sleep(0)) gets the CancelledError at its next step.
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

    async def waits_after():
        me = asyncio.current_task()
        print(f"{it}: waits_after cancels itself: {me.cancel('from inside')} cancelled={me.cancelled()}")
        try:
            await asyncio.sleep(10)
            return "slept"
        except asyncio.CancelledError as error:
            print(f"{it}: waits_after caught '{error}'")
            return "caught"

    t1 = asyncio.create_task(waits_after())
    value = await t1
    print(f"{it}: t1 -> {value} cancelled={t1.cancelled()} cancelling={t1.cancelling()}")

    async def returns_after():
        me = asyncio.current_task()
        print(f"{it}: returns_after cancels itself: {me.cancel('then returned')}")
        return "returned"

    t2 = asyncio.create_task(returns_after())
    try:
        await t2
    except asyncio.CancelledError as error:
        print(f"{it}: t2 cancelled={t2.cancelled()} message '{error}'")

    async def between():
        print(f"{it}: between step 1")
        await asyncio.sleep(0)
        try:
            print(f"{it}: between step 2")
            await asyncio.sleep(0)
            print(f"{it}: between step 3")
        except asyncio.CancelledError as error:
            print(f"{it}: between caught '{error}'")
            raise

    t3 = asyncio.create_task(between())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(f"{it}: cancel t3: {t3.cancel('between steps')}")
    try:
        await t3
    except asyncio.CancelledError:
        print(f"{it}: t3 cancelled={t3.cancelled()}")

asyncio.run(main())
