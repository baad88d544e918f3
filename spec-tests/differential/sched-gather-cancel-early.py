# A cancelled gather fails as soon as one child ends cancelled, while another child is still
# cleaning up; with return_exceptions it waits for every child.
import asyncio


async def main():
    log = []

    async def quick():
        await asyncio.sleep(10)

    async def slow(name):
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            for _ in range(3):
                await asyncio.sleep(0)
            log.append(f"{name} cleaned up")
            raise

    a = asyncio.ensure_future(quick())
    b = asyncio.ensure_future(slow("b"))
    g = asyncio.gather(a, b)
    await asyncio.sleep(0)
    g.cancel()
    try:
        await g
    except asyncio.CancelledError:
        log.append(f"gather raised, b done {b.done()}")
    await asyncio.sleep(0.01)
    d = asyncio.ensure_future(slow("d"))
    g2 = asyncio.gather(asyncio.ensure_future(quick()), d, return_exceptions=True)
    await asyncio.sleep(0)
    g2.cancel()
    try:
        await g2
    except asyncio.CancelledError:
        log.append(f"g2 raised, d done {d.done()}")
    for line in log:
        print(line)


asyncio.run(main())
