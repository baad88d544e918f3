# StreamWriter.drain on a closing transport: it gives the loop one iteration first (asyncio's
# `await sleep(0)`), so that a connection_lost already scheduled runs, and then fails. Shown after
# close() with nothing buffered, and against a peer that closed the connection: the write that
# finds the connection dead makes the transport closing, and the next drain ends the loop.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    it = 0

    def tick():
        nonlocal it
        it += 1
        loop.call_soon(tick)

    loop.call_soon(tick)
    server = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]

    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.close()
    print(f"closing after close(): {writer.is_closing()}")
    before = it
    try:
        await writer.drain()
        print("drain after close: returned")
    except Exception as e:
        print(f"drain after close: {type(e).__name__} after {it - before} iteration(s)")
    print(f"lost before drain raised: {reader.at_eof()}")

    class ClosesAtOnce(asyncio.Protocol):
        def connection_made(self, transport):
            transport.abort()

    dead = await loop.create_server(ClosesAtOnce, "127.0.0.1", 0)
    reader, writer = await asyncio.open_connection("127.0.0.1", dead.sockets[0].getsockname()[1])
    print(f"reader sees the peer's close: {await reader.read()!r}")
    rounds = 0
    try:
        while rounds < 10_000:
            writer.write(b"x" * 100)
            if writer.is_closing():
                print(f"closing after write {rounds + 1}")
                before = it
                lost_before = reader.exception() is not None
                try:
                    await writer.drain()
                finally:
                    print(f"  drain: {it - before} iteration(s); lost when drain was called: {lost_before}")
            else:
                await writer.drain()
            rounds += 1
        print("the loop ran all its rounds")
    except (ConnectionResetError, BrokenPipeError):
        print("the loop ended: ConnectionResetError or BrokenPipeError")
    print(f"closing: {writer.is_closing()}")
    dead.close()
    server.close()


asyncio.run(main())
