# Semaphore: an acquire() made while a woken waiter has not run yet queues (locked() is True), and
# the woken waiter, when it resumes with a permit left, wakes it: nobody waits beside a free permit.
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
    sem = asyncio.Semaphore(0)

    async def waiter(name):
        print(f"{it}: {name} waits, locked={sem.locked()}")
        await sem.acquire()
        print(f"{it}: {name} acquired, locked={sem.locked()}")

    a = asyncio.create_task(waiter("a"))
    await asyncio.sleep(0)
    sem.release()
    sem.release()
    print(f"{it}: main released twice, locked={sem.locked()}")
    await sem.acquire()
    print(f"{it}: main acquired, locked={sem.locked()}")
    await a
    print(f"{it}: done, locked={sem.locked()}")

asyncio.run(main())
