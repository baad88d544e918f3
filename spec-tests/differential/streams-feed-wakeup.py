# StreamReader wake-ups: which loop iteration a task waiting on a read resumes in after
# feed_data / feed_eof / set_exception, fed from the main task or from a call_soon callback, and
# what it sees (everything fed before it resumes). Iterations are counted by a call_soon ticker.
import asyncio


def show(data):
    return repr(data.decode())


async def main():
    loop = asyncio.get_running_loop()
    it = 0

    def tick():
        nonlocal it
        it += 1
        if it < 200:
            loop.call_soon(tick)

    loop.call_soon(tick)

    async def waiter(name, read):
        print(f"{it}: {name} waits")
        try:
            got = await read()
            print(f"{it}: {name} got {show(got)}")
        except Exception as e:
            print(f"{it}: {name} raised {type(e).__name__}")

    # fed by the main task, twice in one iteration
    r = asyncio.StreamReader()
    t = asyncio.create_task(waiter("read(10)", lambda: r.read(10)))
    await asyncio.sleep(0)
    print(f"{it}: main feeds ab, cd")
    r.feed_data(b"ab")
    r.feed_data(b"cd")
    await t

    # fed by a callback
    r = asyncio.StreamReader()
    t = asyncio.create_task(waiter("readline", lambda: r.readline()))
    await asyncio.sleep(0)
    print(f"{it}: main schedules feed of x\\n")
    loop.call_soon(r.feed_data, b"x\n")
    await t

    # readexactly across chunks fed one iteration apart
    r = asyncio.StreamReader()
    t = asyncio.create_task(waiter("readexactly(6)", lambda: r.readexactly(6)))
    await asyncio.sleep(0)
    for chunk in (b"12", b"34", b"56"):
        print(f"{it}: main feeds {show(chunk)}")
        r.feed_data(chunk)
        await asyncio.sleep(0)
    await t

    # readuntil across chunks, separator split
    r = asyncio.StreamReader()
    t = asyncio.create_task(waiter("readuntil(END)", lambda: r.readuntil(b"END")))
    await asyncio.sleep(0)
    for chunk in (b"aE", b"N", b"Dz"):
        print(f"{it}: main feeds {show(chunk)}")
        r.feed_data(chunk)
        await asyncio.sleep(0)
    await t

    # feed_eof wakes a waiting read
    r = asyncio.StreamReader()
    r.feed_data(b"tail")
    t = asyncio.create_task(waiter("read()", lambda: r.read()))
    await asyncio.sleep(0)
    print(f"{it}: main feeds eof")
    r.feed_eof()
    await t

    # set_exception wakes a waiting read
    r = asyncio.StreamReader()
    t = asyncio.create_task(waiter("read(1)", lambda: r.read(1)))
    await asyncio.sleep(0)
    print(f"{it}: main sets ValueError")
    r.set_exception(ValueError("boom"))
    await t

    # data fed, then the waiting task cancelled before it resumes: the data stays
    r = asyncio.StreamReader()
    t = asyncio.create_task(waiter("read(5) cancelled", lambda: r.read(5)))
    await asyncio.sleep(0)
    print(f"{it}: main feeds kept, cancels")
    r.feed_data(b"kept")
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print(f"{it}: task cancelled={t.cancelled()}")
    print(f"{it}: next read(5) got {show(await r.read(5))}")


asyncio.run(main())
