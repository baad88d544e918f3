# shield: cancelling the awaiting task cancels only the outer future; the task's cancelling() is 1
# until it uncancels; the inner task finishes and its result is still there.
import asyncio


async def main():
    gate = asyncio.get_running_loop().create_future()  # set by the scenario, not by a timer

    async def inner_body():
        await gate
        return "inner result"

    inner = asyncio.ensure_future(inner_body())

    async def waiter():
        task = asyncio.current_task()
        try:
            await asyncio.shield(inner)
        except asyncio.CancelledError:
            print(f"waiter cancelled, cancelling {task.cancelling()}, inner done {inner.done()}")
            print(f"uncancel -> {task.uncancel()}")
            return await inner

    w = asyncio.ensure_future(waiter())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    w.cancel()
    for _ in range(3):
        await asyncio.sleep(0)
    gate.set_result(None)
    print(f"waiter returned: {await w}")
    done = asyncio.get_running_loop().create_future()
    done.set_result("done")
    print(f"shield of done is itself: {asyncio.shield(done) is done}")
    c = asyncio.get_running_loop().create_future()
    s = asyncio.shield(c)
    c.cancel()
    await asyncio.sleep(0)
    print(f"inner cancelled -> shield cancelled: {s.cancelled()}")


asyncio.run(main())
