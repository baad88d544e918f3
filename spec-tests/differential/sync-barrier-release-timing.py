# Barrier(3): the last arrival passes at once; the others resume one iteration later, in arrival
# order; n_waiting counts arrivals while filling and reads 0 while the barrier drains.
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
        print(f"{it}: {name} arrives, n_waiting={barrier.n_waiting}")
        i = await barrier.wait()
        print(f"{it}: {name} passes with index {i}, n_waiting={barrier.n_waiting}")

    tasks = [asyncio.create_task(party(n)) for n in "abc"]
    await asyncio.sleep(0)
    print(f"{it}: main sees n_waiting={barrier.n_waiting}")
    await asyncio.gather(*tasks)
    print(f"{it}: done, n_waiting={barrier.n_waiting}, broken={barrier.broken}")

asyncio.run(main())
