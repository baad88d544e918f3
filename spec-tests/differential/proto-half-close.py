# Half-close over TCP: the client sends a request and write_eof(); the server's eof_received returns
# True, so its transport stays open for writing (is_closing() False), and it replies afterwards,
# then closes. The client, whose eof_received returns None, then closes itself. Printed: each side's
# calls, what each got, and the transport states seen at each step.
import asyncio


class Side(asyncio.Protocol):
    def __init__(self, name, keep_open):
        self.name, self.keep_open = name, keep_open
        self.events, self.data, self.transport = [], b"", None
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
        print(f"{self.name}: eof_received, is_closing={self.transport.is_closing()}, returns {self.keep_open}")
        if self.keep_open:
            asyncio.get_running_loop().call_soon(self.reply)
        return self.keep_open

    def reply(self):
        print(f"{self.name}: after eof_received returned, is_closing={self.transport.is_closing()}")
        self.transport.write(b"reply to " + self.data)
        self.transport.close()
        print(f"{self.name}: replied and closed, is_closing={self.transport.is_closing()}")

    def connection_lost(self, exc):
        self.events.append(f"connection_lost({type(exc).__name__ if exc else None})")
        self.lost.set_result(None)


async def main():
    loop = asyncio.get_running_loop()
    sides = []
    server = await loop.create_server(lambda: sides.append(Side("server", True)) or sides[-1], "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    transport, client = await loop.create_connection(lambda: Side("client", None), "127.0.0.1", port)
    transport.write(b"request")
    transport.write_eof()
    print(f"client: after write_eof, is_closing={transport.is_closing()}")
    try:
        transport.write(b"more")
    except Exception as error:
        print(f"client: write after write_eof: {type(error).__name__}")
    while not sides:
        await asyncio.sleep(0)
    await asyncio.gather(client.lost, sides[0].lost)
    for side in (sides[0], client):
        print(f"{side.name}: {' '.join(side.events)}")
        print(f"{side.name} got: {side.data.decode()!r}")
    server.close()
    await server.wait_closed()


asyncio.run(main())
