# StreamWriter.drain over a loopback connection with small write-buffer limits: done at once while
# the transport is not paused (no loop iteration passes), pending while the peer does not read,
# every waiting drain woken in order once the peer reads, one pause_writing / resume_writing pair,
# and ConnectionResetError after close(). No timing is printed: only what happened, in order.
import asyncio

TOTAL = 32 * 1024 * 1024


async def main():
    loop = asyncio.get_running_loop()
    it = 0

    def tick():
        nonlocal it
        it += 1
        loop.call_soon(tick)

    loop.call_soon(tick)
    go = asyncio.Event()
    served = loop.create_future()
    finished = loop.create_future()

    async def handle(reader, writer):
        await go.wait()
        n = 0
        while n < TOTAL:
            chunk = await reader.read(1 << 20)
            if not chunk:
                break
            n += len(chunk)
        served.set_result(n)
        rest = await reader.read()
        finished.set_result(len(rest))
        writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    protocol = writer.transport.get_protocol()
    for name in ("pause_writing", "resume_writing"):
        original = getattr(protocol, name)

        def logged(original=original, name=name):
            print(f"client protocol: {name}")
            original()

        setattr(protocol, name, logged)
    writer.transport.set_write_buffer_limits(high=16 * 1024, low=4 * 1024)
    print(f"write buffer limits: {writer.transport.get_write_buffer_limits()}")

    before = it
    await writer.drain()
    print(f"drain with nothing buffered: {it - before} iterations")

    writer.write(bytes(TOTAL))
    print(f"buffered above the high mark: {writer.transport.get_write_buffer_size() > 16 * 1024}")
    drains = [asyncio.create_task(writer.drain()) for _ in range(3)]
    for i, d in enumerate(drains):
        d.add_done_callback(lambda d, i=i: print(f"drain {i} done: {d.exception()!r}"))
    await asyncio.sleep(0.05)
    print(f"drains pending while the peer does not read: {[not d.done() for d in drains]}")
    go.set()
    await asyncio.gather(*drains)
    print(f"buffer at or below the low mark: {writer.transport.get_write_buffer_size() <= 4 * 1024}")
    print(f"server got everything: {await served == TOTAL}")

    writer.close()
    try:
        await writer.drain()
        print("drain after close: returned")
    except Exception as e:
        print(f"drain after close: {type(e).__name__}")
    await writer.wait_closed()
    print(f"reader at eof after wait_closed: {reader.at_eof()}")
    print(f"server then read eof with {await finished} more bytes")
    server.close()
    await server.wait_closed()
    await asyncio.sleep(0)


asyncio.run(main())
