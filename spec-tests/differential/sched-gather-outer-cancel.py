# Cancelling the future gather returned cancels the children that are not done; the gather then
# fails with CancelledError (not cancelled() itself), once every child is done.
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
    done_child = loop.create_future()
    done_child.set_result(1)

    async def slow(name):
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            print(f"{it}: {name} cancelled")
            await asyncio.sleep(0)
            print(f"{it}: {name} finishes cancelling")
            raise

    s1 = asyncio.ensure_future(slow("s1"))
    s2 = asyncio.ensure_future(slow("s2"))
    g = asyncio.gather(done_child, s1, s2)
    await asyncio.sleep(0)
    print(f"{it}: cancel -> {g.cancel()}")
    print(f"{it}: cancel again -> {g.cancel()}")
    try:
        await g
    except asyncio.CancelledError:
        print(f"{it}: gather raised CancelledError")
    print(f"g cancelled() {g.cancelled()}, s1 {s1.cancelled()}, s2 {s2.cancelled()}")


asyncio.run(main())
