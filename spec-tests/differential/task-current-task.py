# current_task(): with no running loop it raises RuntimeError; given a loop that is not running it
# returns None; in a plain callback None; in a task's step that task; for another loop None.
# all_tasks() with no running loop raises RuntimeError too.
import asyncio

def show(label, fn):
    try:
        value = fn()
        print(f"{label}: {value.get_name() if isinstance(value, asyncio.Task) else value}")
    except RuntimeError as error:
        print(f"{label}: RuntimeError {error}")

loop = asyncio.new_event_loop()
other = asyncio.new_event_loop()
show("outside, no argument", lambda: asyncio.current_task())
show("outside, loop given", lambda: asyncio.current_task(loop))

def in_callback():
    show("callback, no argument", lambda: asyncio.current_task())
    show("callback, loop given", lambda: asyncio.current_task(loop))

async def body():
    show("task, no argument", lambda: asyncio.current_task())
    show("task, loop given", lambda: asyncio.current_task(loop))
    show("task, other loop", lambda: asyncio.current_task(other))
    loop.call_soon(in_callback)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    show("task after sleeps", lambda: asyncio.current_task())

loop.run_until_complete(loop.create_task(body(), name="main"))
show("after the run, no argument", lambda: asyncio.current_task())
try:
    asyncio.all_tasks()
    print("all_tasks outside: no error")
except RuntimeError as error:
    print(f"all_tasks outside: RuntimeError {error}")
print(f"all_tasks(loop) outside: {len(asyncio.all_tasks(loop))}")
loop.close()
other.close()
