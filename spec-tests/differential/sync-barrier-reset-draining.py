# Barrier(2): reset() right after the barrier tripped: the released parties still pass (they count
# as inside until they leave); a task waiting for the next round fails with BrokenBarrierError.
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
    barrier = asyncio.Barrier(2)

    async def party(name):
        try:
            i = await barrier.wait()
            print(f"{it}: {name} passes with index {i}")
        except asyncio.BrokenBarrierError:
            print(f"{it}: {name} broken")

    a = asyncio.create_task(party("a"))
    await asyncio.sleep(0)
    b = asyncio.create_task(party("b"))
    await asyncio.sleep(0)
    print(f"{it}: tripped, n_waiting={barrier.n_waiting}")
    await barrier.reset()
    print(f"{it}: reset, broken={barrier.broken}")
    c = asyncio.create_task(party("c"))
    await asyncio.gather(a, b)
    print(f"{it}: a and b done, n_waiting={barrier.n_waiting}")
    await asyncio.sleep(0)
    print(f"{it}: c waits, n_waiting={barrier.n_waiting}")
    await barrier.reset()
    await c
    print(f"{it}: done, n_waiting={barrier.n_waiting}, broken={barrier.broken}")

asyncio.run(main())
