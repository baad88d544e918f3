# StreamReader limits: readuntil raises LimitOverrunError (with `consumed`) and keeps the data,
# readline turns it into ValueError and drops the long line (up to its newline, or the whole buffer
# when no newline has arrived), readexactly ignores the limit. After each step the trace shows what
# is left: the next read's result.
import asyncio


def show(data):
    return repr(data.decode())


async def step(label, read):
    try:
        print(f"{label}: returned {show(await read())}")
    except asyncio.LimitOverrunError as e:
        print(f"{label}: LimitOverrunError consumed={e.consumed}")
    except Exception as e:
        print(f"{label}: {type(e).__name__}")


async def main():
    loop = asyncio.get_running_loop()

    r = asyncio.StreamReader(limit=4)
    r.feed_data(b"abcdefgh\nxy\n")
    await step("readuntil(\\n), separator past the limit", lambda: r.readuntil(b"\n"))
    await step("readuntil(\\n) again", lambda: r.readuntil(b"\n"))
    await step("readexactly(9) ignores the limit", lambda: r.readexactly(9))
    await step("readline", lambda: r.readline())

    r = asyncio.StreamReader(limit=4)
    r.feed_data(b"abcdef")
    await step("readuntil(\\n), no separator, over the limit", lambda: r.readuntil(b"\n"))
    await step("read(3)", lambda: r.read(3))

    r = asyncio.StreamReader(limit=4)
    r.feed_data(b"abcd")
    loop.call_soon(r.feed_data, b"XYZ")
    await step("readuntil(XYZ) found across chunks, at the limit", lambda: r.readuntil(b"XYZ"))

    r = asyncio.StreamReader(limit=4)
    r.feed_data(b"abcdefgh\nnext\n")
    await step("readline, long line with newline", lambda: r.readline())
    await step("readline", lambda: r.readline())

    r = asyncio.StreamReader(limit=4)
    r.feed_data(b"abcdefgh")
    await step("readline, long line without newline", lambda: r.readline())
    r.feed_data(b"ok\n")
    await step("readline", lambda: r.readline())

    r = asyncio.StreamReader(limit=4)

    def chunks():
        r.feed_data(b"ab")
        r.feed_data(b"cdef")
        r.feed_data(b"g\nrest\n")

    loop.call_soon(chunks)
    await step("readline waiting, chunks make a long line", lambda: r.readline())
    await step("readline", lambda: r.readline())

    r = asyncio.StreamReader(limit=4)
    r.feed_data(b"abcd\n")
    await step("readline, a line of exactly limit bytes", lambda: r.readline())
    r.feed_data(b"ab")
    r.feed_eof()
    await step("readuntil(\\n) at eof under the limit", lambda: r.readuntil(b"\n"))

    # Reads that wait and then overrun: readuntil keeps the data, readline drops it.
    r = asyncio.StreamReader(limit=4)
    r.feed_data(b"ab")
    loop.call_soon(r.feed_data, b"cdefXYZ")
    await step("readuntil(XYZ) waiting, found past the limit", lambda: r.readuntil(b"XYZ"))
    await step("read(100)", lambda: r.read(100))

    r = asyncio.StreamReader(limit=4)
    r.feed_data(b"ab")
    loop.call_soon(r.feed_data, b"cdefgh")
    await step("readuntil(XYZ) waiting, not found, over the limit", lambda: r.readuntil(b"XYZ"))
    await step("read(100)", lambda: r.read(100))

    r = asyncio.StreamReader(limit=4)
    r.feed_data(b"ab")
    loop.call_soon(r.feed_data, b"cdefgh")
    await step("readline waiting, no newline, over the limit", lambda: r.readline())
    r.feed_data(b"z\n")
    await step("readline", lambda: r.readline())


asyncio.run(main())
