# Barrier(2): a task arriving while the released parties have not left yet (draining) waits until
# they have, then fills the next round.
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
        print(f"{it}: {name} arrives")
        i = await barrier.wait()
        print(f"{it}: {name} passes with index {i}")

    a = asyncio.create_task(party("a"))
    b = asyncio.create_task(party("b"))
    c = asyncio.create_task(party("c"))
    d = asyncio.create_task(party("d"))
    await asyncio.gather(a, b, c, d)
    print(f"{it}: done, n_waiting={barrier.n_waiting}")

asyncio.run(main())
