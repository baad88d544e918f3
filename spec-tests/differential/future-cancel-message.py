# Cancelling futures: cancel(msg) on a plain future puts msg in every CancelledError that result()
# and exception() raise (cancel() without one: empty); cancel() on a done future returns False and
# changes nothing; tasks awaiting a cancelled future get the message thrown in, in the order they
# started waiting, one iteration after the cancel; a task awaiting an already-cancelled future gets
# it at once (no iteration passes).
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
    f = loop.create_future()
    print(f"cancel: {f.cancel('shutting down')} again: {f.cancel('other')}")
    for call in (f.result, f.exception, f.result):
        try:
            call()
        except asyncio.CancelledError as error:
            print(f"{call.__name__}(): CancelledError '{error}'")
    g = loop.create_future()
    g.cancel()
    try:
        g.result()
    except asyncio.CancelledError as error:
        print(f"no message: '{error}'")
    d = loop.create_future()
    d.set_result(1)
    print(f"cancel done: {d.cancel()} result={d.result()}")

    gate = loop.create_future()

    async def waiter(name):
        try:
            await gate
        except asyncio.CancelledError as error:
            print(f"{it}: {name} got '{error}'")
        try:
            await g
        except asyncio.CancelledError as error:
            print(f"{it}: {name} awaited the cancelled g at once: '{error}'")

    tasks = [asyncio.create_task(waiter(n)) for n in ("w1", "w2", "w3")]
    await asyncio.sleep(0)
    print(f"{it}: cancel gate: {gate.cancel('gate closed')}")
    await asyncio.gather(*tasks)
    print(f"{it}: done")

asyncio.run(main())
