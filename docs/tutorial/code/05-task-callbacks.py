# Chapter 5: task callbacks. A done callback receives the task; it runs as a loop callback after
# the task finishes, and a cancelled task reports CancelledError. Python twin of 05-task-callbacks.ts.
import asyncio


async def work(name, delay):
    await asyncio.sleep(delay)
    return f"{name} finished"


def report(task):
    if task.cancelled():
        print(f"{task.get_name()}: cancelled")
    else:
        print(f"{task.get_name()}: {task.result()}")


async def main():
    fast = asyncio.ensure_future(work("fast", 0.01))
    fast.set_name("fast")
    slow = asyncio.ensure_future(work("slow", 10))
    slow.set_name("slow")
    fast.add_done_callback(report)
    slow.add_done_callback(report)
    await fast
    slow.cancel()
    try:
        await slow
    except asyncio.CancelledError:
        print("main: slow was cancelled")


loop = asyncio.new_event_loop()
loop.run_until_complete(main())
loop.close()
