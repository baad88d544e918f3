# Barrier(5) (CPython test_abort_barrier_when_tasks_half_draining_half_blocking): parties that
# passed wait for a second round; the third to pass aborts the barrier: released parties that had
# not resumed yet and the ones waiting again fail with BrokenBarrierError.
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
    barrier = asyncio.Barrier(5)
    count = 0

    async def coro(name):
        nonlocal count
        try:
            await barrier.wait()
        except asyncio.BrokenBarrierError:
            print(f"{it}: {name} broken while draining")
            return
        count += 1
        print(f"{it}: {name} passed, count={count}")
        if count > 2:
            await barrier.abort()
            print(f"{it}: {name} aborted the barrier")
        else:
            try:
                await barrier.wait()
            except asyncio.BrokenBarrierError:
                print(f"{it}: {name} broken in the second round")

    await asyncio.gather(*(coro(n) for n in "abcde"))
    print(f"{it}: broken={barrier.broken}, n_waiting={barrier.n_waiting}")

asyncio.run(main())
