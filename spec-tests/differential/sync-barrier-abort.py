# Barrier: abort() breaks the waiting parties (they fail one iteration later) and every later wait().
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
    barrier = asyncio.Barrier(3)

    async def party(name):
        try:
            await barrier.wait()
            print(f"{it}: {name} passes")
        except asyncio.BrokenBarrierError:
            print(f"{it}: {name} broken")

    tasks = [asyncio.create_task(party(n)) for n in "ab"]
    await asyncio.sleep(0)
    await barrier.abort()
    print(f"{it}: aborted, broken={barrier.broken}, n_waiting={barrier.n_waiting}")
    await asyncio.gather(*tasks)
    await party("late")
    await barrier.reset()
    print(f"{it}: reset, broken={barrier.broken}")

asyncio.run(main())
