# Done callbacks: they run in registration order, in the iteration after the future is settled,
# interleaved with call_soon callbacks by when they were scheduled; a callback added to a done
# future is scheduled at once (behind what is already queued); a task awaiting the future resumes
# through its own done callback, in its turn. Iterations are counted by a ticker.
import asyncio

async def main():
    loop = asyncio.get_running_loop()
    it = 0

    def tick():
        nonlocal it
        it += 1
        if it < 20:
            loop.call_soon(tick)

    loop.call_soon(tick)
    fut = loop.create_future()

    def cb(name):
        return lambda f: print(f"{it}: {name} (result {f.result()})")

    fut.add_done_callback(cb("first"))

    async def waiter():
        value = await fut
        print(f"{it}: waiter resumed with {value}")

    task = asyncio.create_task(waiter())
    await asyncio.sleep(0)  # the waiter registers its wake-up callback
    fut.add_done_callback(cb("second"))
    removed = cb("removed")
    fut.add_done_callback(removed)
    print(f"{it}: removed {fut.remove_done_callback(removed)}")
    loop.call_soon(lambda: print(f"{it}: call_soon before set_result"))
    fut.set_result(7)
    print(f"{it}: set_result done")
    loop.call_soon(lambda: print(f"{it}: call_soon after set_result"))
    fut.add_done_callback(cb("added when done"))
    await task
    print(f"{it}: main resumed")
    other = loop.create_future()
    other.add_done_callback(lambda f: print(f"{it}: on cancel, cancelled={f.cancelled()}"))
    other.cancel()
    other.add_done_callback(lambda f: print(f"{it}: added when cancelled, cancelled={f.cancelled()}"))
    await asyncio.sleep(0)
    await asyncio.sleep(0)

asyncio.run(main())
