# Lock: a waiter cancelled while queued (not yet woken) leaves the queue; release() then wakes the
# next one, which resumes one iteration later. Iterations counted by a ticker.
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
    lock = asyncio.Lock()
    await lock.acquire()

    async def waiter(name):
        try:
            async with lock:
                print(f"{it}: {name} holds")
        except asyncio.CancelledError:
            print(f"{it}: {name} cancelled")
            raise

    a = asyncio.create_task(waiter("a"))
    b = asyncio.create_task(waiter("b"))
    await asyncio.sleep(0)
    a.cancel()
    await asyncio.sleep(0)
    print(f"{it}: main releases, a.done={a.done()}")
    lock.release()
    await asyncio.gather(a, b, return_exceptions=True)
    print(f"{it}: done, locked={lock.locked()}")

asyncio.run(main())
