# Lock: between release() and the woken waiter's resumption the lock is free (locked() is False),
# yet an acquire() in that window queues behind the woken waiter (FIFO) instead of taking it.
# Iterations counted by a ticker.
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
        print(f"{it}: {name} waits, locked={lock.locked()}")
        await lock.acquire()
        print(f"{it}: {name} holds")
        await asyncio.sleep(0)
        lock.release()
        print(f"{it}: {name} released")

    a = asyncio.create_task(waiter("a"))
    await asyncio.sleep(0)
    lock.release()
    print(f"{it}: main released, locked={lock.locked()}")
    await lock.acquire()
    print(f"{it}: main holds again")
    lock.release()
    await a
    print(f"{it}: done, locked={lock.locked()}")

asyncio.run(main())
