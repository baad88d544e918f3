# Condition: a task cancelled while it waits (not notified) re-acquires the lock before it sees
# CancelledError, so with the lock held elsewhere it stays pending until the lock is released.
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
    cond = asyncio.Condition()

    async def waiter():
        async with cond:
            try:
                await cond.wait()
            except asyncio.CancelledError:
                print(f"{it}: waiter cancelled, locked={cond.locked()}")
                raise

    w = asyncio.create_task(waiter())
    await asyncio.sleep(0)
    await cond.acquire()
    w.cancel()
    print(f"{it}: main holds the lock and cancelled the waiter")
    for _ in range(3):
        await asyncio.sleep(0)
        print(f"{it}: waiter done={w.done()}")
    cond.release()
    print(f"{it}: main released")
    await asyncio.gather(w, return_exceptions=True)
    print(f"{it}: cancelled={w.cancelled()}, locked={cond.locked()}")

asyncio.run(main())
