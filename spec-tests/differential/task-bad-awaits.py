# What a task does with something it cannot wait on: a yielded value that is not a future, a future
# of another loop, and the task itself each get RuntimeError thrown in at that point, one loop
# iteration later (the error goes through call_soon), and the coroutine may catch it and go on.
import asyncio
import types

@types.coroutine
def bare_yield(value):
    return (yield value)

async def main():
    loop = asyncio.get_running_loop()
    other = asyncio.new_event_loop()
    it = 0

    def tick():
        nonlocal it
        it += 1
        if it < 30:
            loop.call_soon(tick)

    loop.call_soon(tick)
    box = []

    async def body():
        attempts = (
            ("a number", lambda: bare_yield(42)),
            ("a foreign future", lambda: other.create_future()),
            ("itself", lambda: box[0]),
        )
        for label, make in attempts:
            awaitable = make()
            print(f"{it}: awaits {label}")
            try:
                await awaitable
                print(f"{it}: no error")
            except RuntimeError:
                print(f"{it}: RuntimeError for {label}")
        return "went on"

    box.append(asyncio.create_task(body()))
    value = await box[0]
    print(f"{it}: {value}")
    other.close()

asyncio.run(main())
