# Barrier: a party cancelled while waiting leaves (n_waiting drops when it resumes); the barrier
# then needs another arrival to trip.
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
        except asyncio.CancelledError:
            print(f"{it}: {name} cancelled")
            raise

    a = asyncio.create_task(party("a"))
    await asyncio.sleep(0)
    a.cancel()
    print(f"{it}: cancelled a, n_waiting={barrier.n_waiting}")
    await asyncio.sleep(0)
    print(f"{it}: n_waiting={barrier.n_waiting}")
    b = asyncio.create_task(party("b"))
    c = asyncio.create_task(party("c"))
    await asyncio.gather(a, b, c, return_exceptions=True)
    print(f"{it}: done, n_waiting={barrier.n_waiting}")

asyncio.run(main())
