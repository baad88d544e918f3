# Barrier (CPython test_reset_barrier_when_tasks_half_draining): the first released party to
# resume resets the barrier while the others are still inside; those fail with BrokenBarrierError,
# and the barrier ends filling, not broken.
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
    barrier = asyncio.Barrier(4)
    broken = []

    async def coro(name):
        try:
            i = await barrier.wait()
        except asyncio.BrokenBarrierError:
            broken.append(name)
            print(f"{it}: {name} broken")
        else:
            print(f"{it}: {name} passes with index {i}")
            if i == 0:
                await barrier.reset()
                print(f"{it}: {name} reset the barrier")

    await asyncio.gather(*(coro(n) for n in "abcd"))
    print(f"{it}: broken={broken}, n_waiting={barrier.n_waiting}, broken state={barrier.broken}")
    r = await asyncio.gather(*(barrier.wait() for _ in range(4)))
    print(f"{it}: next round {sorted(r)}")

asyncio.run(main())
