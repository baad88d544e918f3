# Lock hand-off to a waiter that is cancelled after release() woke it, before it ran: the wake-up
# passes to the next waiter, which takes the lock when it runs. Iterations counted by a ticker.
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
        print(f"{it}: {name} waits")
        try:
            await lock.acquire()
        except asyncio.CancelledError:
            print(f"{it}: {name} cancelled, locked={lock.locked()}")
            raise
        print(f"{it}: {name} holds")
        lock.release()
        print(f"{it}: {name} released")

    a = asyncio.create_task(waiter("a"))
    b = asyncio.create_task(waiter("b"))
    c = asyncio.create_task(waiter("c"))
    await asyncio.sleep(0)
    lock.release()
    a.cancel()
    print(f"{it}: main released and cancelled a, locked={lock.locked()}")
    await asyncio.sleep(0)
    print(f"{it}: main after one iteration, locked={lock.locked()}")
    await asyncio.gather(a, b, c, return_exceptions=True)
    print(f"{it}: done, a.cancelled={a.cancelled()}, locked={lock.locked()}")

asyncio.run(main())
