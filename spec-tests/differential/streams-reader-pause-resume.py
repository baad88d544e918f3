# StreamReader flow control on its transport: when feed_data pauses reading (more than 2 × limit
# buffered), when a read resumes it (buffer down to limit or less), and that a read which must wait
# for more data resumes a paused transport first (so readexactly(n > 2 × limit) cannot deadlock).
# A stand-in transport logs the calls; the loop iteration of each is counted by a ticker.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    it = 0

    def tick():
        nonlocal it
        it += 1
        if it < 100:
            loop.call_soon(tick)

    loop.call_soon(tick)

    class Transport:
        def pause_reading(self):
            print(f"{it}: transport pause_reading")

        def resume_reading(self):
            print(f"{it}: transport resume_reading")

    r = asyncio.StreamReader(limit=4)
    r.set_transport(Transport())
    for chunk in (b"1234", b"5678", b"9", b"abc"):
        r.feed_data(chunk)
        print(f"{it}: fed {len(chunk)}")
    for n in (3, 4, 1, 1, 10):
        got = await r.read(n)
        print(f"{it}: read({n}) got {len(got)}")

    async def long_read():
        print(f"{it}: readexactly(20) waits")
        got = await r.readexactly(20)
        print(f"{it}: readexactly(20) got {len(got)}")

    r.feed_data(b"0123456789")
    print(f"{it}: fed 10")
    task = asyncio.create_task(long_read())
    await asyncio.sleep(0)
    for size in (4, 6):
        print(f"{it}: feeding {size}")
        r.feed_data(bytes(size))
        await asyncio.sleep(0)
    await task

    async def line_read():
        print(f"{it}: readline waits")
        got = await r.readline()
        print(f"{it}: readline got {len(got)}")

    task = asyncio.create_task(line_read())
    await asyncio.sleep(0)
    print(f"{it}: feeding 12 without a newline, then 1 with")
    r.feed_data(b"abcdefghijkl")
    await asyncio.sleep(0)
    r.feed_data(b"\n")
    try:
        await task
    except ValueError:
        print(f"{it}: readline raised ValueError")
    r.feed_eof()
    print(f"{it}: left after eof: {len(await r.read())}")


asyncio.run(main())
