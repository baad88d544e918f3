# close() versus abort() over TCP, counted in loop iterations (a call_soon ticker): close() with an
# empty buffer and abort() both call connection_lost(None) from the loop, never inside the call;
# close() with data still buffered flushes it all first, abort() drops it (the peer gets a strict
# prefix, then a clean EOF). No byte counts are printed, only comparisons.
import asyncio

BIG = 16 * 1024 * 1024


class Rec(asyncio.Protocol):
    def __init__(self):
        self.events, self.data, self.transport, self.lost_at = [], bytearray(), None, None
        self.lost = asyncio.get_running_loop().create_future()

    def connection_made(self, transport):
        self.transport = transport
        self.events.append("connection_made")

    def data_received(self, data):
        if self.events[-1] != "data_received":
            self.events.append("data_received")
        self.data += data

    def eof_received(self):
        self.events.append("eof_received")

    def connection_lost(self, exc):
        self.events.append(f"connection_lost({type(exc).__name__ if exc else None})")
        self.lost_at = it
        self.lost.set_result(None)


it = 0


async def main():
    loop = asyncio.get_running_loop()

    def tick():
        global it
        it += 1
        loop.call_soon(tick)

    loop.call_soon(tick)
    for how, size in (("close", 0), ("abort", 0), ("close", BIG), ("abort", BIG)):
        peers = []
        server = await loop.create_server(lambda: peers.append(Rec()) or peers[-1], "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        transport, client = await loop.create_connection(Rec, "127.0.0.1", port)
        while not peers or peers[0].transport is None:
            await asyncio.sleep(0)
        peer = peers[0]
        peer.transport.pause_reading()
        data = bytes(i % 251 for i in range(251)) * (size // 251 + 1)
        data = data[:size] if size else b"bye"
        transport.write(data)
        buffered = transport.get_write_buffer_size() > 0
        at = it
        getattr(transport, how)()
        print(f"{how}, data buffered: {buffered}")
        print("  is_closing:", transport.is_closing(), "| lost inside the call:", client.lost.done())
        peer.transport.resume_reading()
        await asyncio.gather(client.lost, peer.lost)
        if not buffered:
            print("  connection_lost after iterations:", client.lost_at - at)
        print("  client:", " ".join(client.events))
        print("  server:", " ".join(peer.events))
        got = bytes(peer.data)
        print("  server got everything:", got == data, "| a prefix:", data.startswith(got))
        server.close()
        await server.wait_closed()


asyncio.run(main())
