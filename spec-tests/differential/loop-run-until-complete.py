# run_until_complete(): with a coroutine it wraps it in a task and returns what it returns; with a
# future it returns the result or raises the exception; the loop is not running afterwards; a loop
# stopped first raises RuntimeError (and the future stays pending, detached: completing it later does
# not stop a later run); a future of another loop raises ValueError without running anything; a
# running loop refuses a nested run with RuntimeError; a closed loop refuses with RuntimeError.
import asyncio

loop = asyncio.new_event_loop()
other = asyncio.new_event_loop()

def show(label, fn):
    try:
        print(f"{label}: {fn()!r} running={loop.is_running()}")
    except Exception as error:  # noqa: BLE001
        print(f"{label}: {type(error).__name__} running={loop.is_running()}")

async def coro():
    await asyncio.sleep(0)
    return "from coro"

async def failing():
    await asyncio.sleep(0)
    raise KeyError("k")

show("coroutine", lambda: loop.run_until_complete(coro()))
show("failing coroutine", lambda: loop.run_until_complete(failing()))
f = loop.create_future()
loop.call_soon(f.set_result, 3)
show("future", lambda: loop.run_until_complete(f))
pending = loop.create_future()
loop.call_soon(loop.stop)
show("stopped first", lambda: loop.run_until_complete(pending))
ran = []
loop.call_soon(pending.set_result, "late")
loop.call_soon(lambda: loop.call_soon(ran.append, "after pending"))
loop.call_soon(lambda: loop.call_soon(lambda: loop.call_soon(loop.stop)))
loop.run_forever()
print(f"later run went on: {ran}")
show("foreign future", lambda: loop.run_until_complete(other.create_future()))

def nested():
    show("nested run_until_complete", lambda: loop.run_until_complete(loop.create_future()))
    loop.stop()

loop.call_soon(nested)
loop.run_forever()
loop.close()
show("closed loop", lambda: loop.run_until_complete(other.create_future()))
other.close()
