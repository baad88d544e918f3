# Lock: three waiters, each releasing at once: each is woken by the previous holder's release()
# and resumes one iteration later. Iterations counted by a ticker.
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
    order = []

    async def waiter(name):
        async with lock:
            print(f"{it}: {name} holds")
            order.append(name)

    tasks = [asyncio.create_task(waiter(n)) for n in "abc"]
    await asyncio.sleep(0)
    print(f"{it}: main releases")
    lock.release()
    await asyncio.gather(*tasks)
    print(f"{it}: order={order} locked={lock.locked()}")

asyncio.run(main())
