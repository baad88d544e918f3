# Write flow control over TCP with small water marks: pause_writing is called inside the write()
# that takes the buffer above the high mark, once (a further write while paused calls nothing),
# resume_writing once the buffer drains to the low mark after the peer reads again; every byte
# arrives. The peer pauses reading in connection_made, so the kernel's buffers fill first.
import asyncio

TOTAL = 16 * 1024 * 1024


class Writer(asyncio.Protocol):
    def __init__(self):
        self.events, self.transport = [], None
        self.resumed = asyncio.get_running_loop().create_future()
        self.lost = asyncio.get_running_loop().create_future()

    def connection_made(self, transport):
        self.transport = transport
        self.events.append("connection_made")

    def pause_writing(self):
        self.events.append("pause_writing")
        print("pause_writing: buffer above high:", self.transport.get_write_buffer_size() > 4096)

    def resume_writing(self):
        self.events.append("resume_writing")
        print("resume_writing: buffer at or below low:", self.transport.get_write_buffer_size() <= 1024)
        self.resumed.set_result(None)

    def connection_lost(self, exc):
        self.events.append(f"connection_lost({type(exc).__name__ if exc else None})")
        self.lost.set_result(None)


class Reader(asyncio.Protocol):
    def __init__(self):
        self.total, self.transport = 0, None
        self.lost = asyncio.get_running_loop().create_future()

    def connection_made(self, transport):
        self.transport = transport
        transport.pause_reading()

    def data_received(self, data):
        self.total += len(data)

    def connection_lost(self, exc):
        self.lost.set_result(None)


async def main():
    loop = asyncio.get_running_loop()
    reader = Reader()
    server = await loop.create_server(lambda: reader, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    transport, writer = await loop.create_connection(Writer, "127.0.0.1", port)
    transport.set_write_buffer_limits(high=4096)
    print("limits (low, high):", transport.get_write_buffer_limits())
    while reader.transport is None:
        await asyncio.sleep(0)
    transport.write(bytes(TOTAL))
    print("after the big write:", " ".join(writer.events))
    transport.write(b"!")
    print("after one more write:", " ".join(writer.events))
    reader.transport.resume_reading()
    await writer.resumed
    transport.close()
    await asyncio.gather(reader.lost, writer.lost)
    print("writer:", " ".join(writer.events))
    print("every byte arrived:", reader.total == TOTAL + 1)
    server.close()
    await server.wait_closed()


asyncio.run(main())
