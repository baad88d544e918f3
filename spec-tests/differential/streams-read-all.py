# StreamReader.read() to the end of the stream: the loop iteration it returns in when chunks and the
# EOF arrive one iteration apart, when everything is already buffered, and how it drives a paused
# transport (asyncio collects read(limit) blocks, so the buffer falls to the limit as it goes).
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

    async def read_all(name, r):
        print(f"{it}: {name} starts")
        data = await r.read()
        print(f"{it}: {name} got {len(data)} bytes")

    r = asyncio.StreamReader(limit=4)
    r.set_transport(Transport())
    task = asyncio.create_task(read_all("read() fed by chunks", r))
    await asyncio.sleep(0)
    for size in (3, 7, 12):
        print(f"{it}: feeding {size}")
        r.feed_data(bytes(size))
        await asyncio.sleep(0)
    print(f"{it}: feeding eof")
    r.feed_eof()
    await task

    r = asyncio.StreamReader(limit=4)
    r.set_transport(Transport())
    r.feed_data(bytes(20))
    print(f"{it}: fed 20")
    r.feed_eof()
    await read_all("read() of a full buffer", r)

    r = asyncio.StreamReader(limit=4)
    r.set_transport(Transport())
    r.feed_data(bytes(20))
    print(f"{it}: fed 20, eof comes later")
    loop.call_soon(r.feed_eof)
    await read_all("read() of a full buffer, eof later", r)


asyncio.run(main())
