# StreamReader at the end of the stream: what readexactly, readuntil, readline and read return or
# raise when the stream ends first, and what is left in the buffer afterwards (the rest is read
# with read() after the error), also for reads that wait and then fail at EOF (they consume their
# partial bytes too).
import asyncio


def show(data):
    return repr(data.decode())


async def attempt(label, reader, read):
    try:
        got = await read()
        print(f"{label}: returned {show(got)}")
    except asyncio.IncompleteReadError as e:
        print(f"{label}: IncompleteReadError partial={show(e.partial)} expected={e.expected}")
    except Exception as e:
        print(f"{label}: {type(e).__name__}")
    print(f"  at_eof={reader.at_eof()} rest={show(await reader.read())}")


async def main():
    loop = asyncio.get_running_loop()

    r = asyncio.StreamReader()
    r.feed_data(b"abc")
    r.feed_eof()
    await attempt("readexactly(5) after eof", r, lambda: r.readexactly(5))

    r = asyncio.StreamReader()
    r.feed_data(b"abcdef")
    r.feed_eof()
    await attempt("readexactly(4) of 6 then eof", r, lambda: r.readexactly(4))

    r = asyncio.StreamReader()
    r.feed_data(b"some dataAA")
    r.feed_eof()
    await attempt("readuntil(AAA) after eof", r, lambda: r.readuntil(b"AAA"))

    r = asyncio.StreamReader()
    r.feed_data(b"one\ntwo")
    r.feed_eof()
    await attempt("readline with a newline", r, lambda: r.readline())

    r = asyncio.StreamReader()
    r.feed_data(b"two")
    r.feed_eof()
    await attempt("readline without a newline", r, lambda: r.readline())

    r = asyncio.StreamReader()
    r.feed_eof()
    await attempt("readline on an empty ended stream", r, lambda: r.readline())
    await attempt("readexactly(0) on an ended stream", r, lambda: r.readexactly(0))
    await attempt("read(3) on an ended stream", r, lambda: r.read(3))

    r = asyncio.StreamReader()
    r.feed_data(b"xy")
    loop.call_soon(r.feed_eof)
    await attempt("readline woken by eof", r, lambda: r.readline())

    r = asyncio.StreamReader()
    loop.call_soon(r.feed_eof)
    await attempt("read(10) woken by eof", r, lambda: r.read(10))

    r = asyncio.StreamReader()
    r.feed_data(b"abc")
    loop.call_soon(r.feed_eof)
    await attempt("readexactly(5) woken by eof", r, lambda: r.readexactly(5))

    r = asyncio.StreamReader()
    r.feed_data(b"dataA")
    loop.call_soon(r.feed_eof)
    await attempt("readuntil(AAA) woken by eof", r, lambda: r.readuntil(b"AAA"))


asyncio.run(main())
