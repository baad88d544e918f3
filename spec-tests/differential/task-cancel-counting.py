# cancel(), cancelling() and uncancel(): the count goes up per request (also a request on a task
# already cancelling), cancel() returns False once done, uncancel() never goes below zero, and a task
# that catches the CancelledError and uncancels goes on with a count of zero. The message of the
# request reaches the coroutine and the first retrieval of the outcome.
import asyncio

async def main():
    loop = asyncio.get_running_loop()
    gate = loop.create_future()

    async def stubborn():
        try:
            await gate
        except asyncio.CancelledError as error:
            me = asyncio.current_task()
            print(f"stubborn caught: {error} cancelling={me.cancelling()}")
            print(f"stubborn uncancel -> {me.uncancel()}")
            print(f"stubborn uncancel -> {me.uncancel()}")
        await asyncio.sleep(0)
        return "went on"

    t = asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    print(f"cancelling before: {t.cancelling()}")
    print(f"cancel: {t.cancel('first')} cancelling={t.cancelling()}")
    print(f"cancel: {t.cancel('second')} cancelling={t.cancelling()}")
    print(f"result: {await t} cancelled={t.cancelled()} cancelling={t.cancelling()}")
    print(f"cancel when done: {t.cancel()} cancelling={t.cancelling()}")

    async def plain():
        await asyncio.sleep(10)

    p = asyncio.create_task(plain())
    await asyncio.sleep(0)
    p.cancel("stop")
    try:
        await p
    except asyncio.CancelledError as error:
        print(f"plain: first retrieval message={error!s} cancelling={p.cancelling()}")

    async def before_start():
        print("never printed")

    b = asyncio.create_task(before_start())
    print(f"before start: cancel={b.cancel('early')} cancelling={b.cancelling()}")
    try:
        await b
    except asyncio.CancelledError as error:
        print(f"before start: message={error!s} cancelled={b.cancelled()}")

asyncio.run(main())
