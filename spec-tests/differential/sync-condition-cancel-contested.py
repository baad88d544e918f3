# Condition (CPython test_wait_cancel_contested, test_wait_cancel_after_notify, bpo-32841): a
# notified waiter cancelled while it queues for the lock still re-acquires it before CancelledError
# reaches it; the trace shows when each step happens and who holds the lock.
import asyncio

async def main():
    loop = asyncio.get_running_loop()
    it = 0
    def tick():
        nonlocal it
        it += 1
        if it < 40:
            loop.call_soon(tick)
    loop.call_soon(tick)
    cond = asyncio.Condition()
    await cond.acquire()

    async def waiter(name):
        try:
            await cond.wait()
            print(f"{it}: {name} woken, locked={cond.locked()}")
        except asyncio.CancelledError:
            print(f"{it}: {name} cancelled, locked={cond.locked()}")
            raise

    wait_task = asyncio.create_task(waiter("w1"))
    await asyncio.sleep(0)
    print(f"{it}: w1 waits, locked={cond.locked()}")
    await cond.acquire()
    cond.notify()
    loop.call_soon(wait_task.cancel)
    loop.call_soon(cond.release)
    print(f"{it}: main notified, cancel and release scheduled")
    try:
        await wait_task
    except asyncio.CancelledError:
        print(f"{it}: main saw w1 cancelled")
    print(f"{it}: locked={cond.locked()}, w1.cancelled={wait_task.cancelled()}")
    cond.release()

    async def wait_on_cond():
        async with cond:
            await waiter("w2")

    w2 = asyncio.create_task(wait_on_cond())
    await asyncio.sleep(0)
    await cond.acquire()
    cond.notify()
    await asyncio.sleep(0)
    w2.cancel()
    print(f"{it}: main cancelled w2 while holding the lock")
    await asyncio.sleep(0)
    cond.release()
    print(f"{it}: main released")
    await asyncio.sleep(0)
    print(f"{it}: w2.cancelled={w2.cancelled()}, locked={cond.locked()}")

asyncio.run(main())
