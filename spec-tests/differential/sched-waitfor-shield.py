# wait_for over a shielded task: the timeout cancels the shield only, so the task runs on and
# its result can still be awaited; cancelling() of the waiting task is 0 after the timeout.
import asyncio


async def main():
    task = asyncio.current_task()
    gate = asyncio.get_running_loop().create_future()  # set after the timeout, not by a timer

    async def late():
        await gate
        return "late"

    inner = asyncio.ensure_future(late())
    try:
        await asyncio.wait_for(asyncio.shield(inner), 0.01)
    except TimeoutError:
        print(f"timeout, inner cancelled {inner.cancelled()}, cancelling {task.cancelling()}")
    gate.set_result(None)
    print(f"inner: {await inner}")
    g = asyncio.gather(asyncio.sleep(0.01, "x"), asyncio.sleep(1))
    try:
        await asyncio.wait_for(g, 0.005)
    except TimeoutError:
        print(f"gather under wait_for: TimeoutError, gather cancelled {g.cancelled()}")
    print(f"cancelling {task.cancelling()}")


asyncio.run(main())
