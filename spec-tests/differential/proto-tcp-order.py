# Protocol callback order over TCP, on both ends: connection_made, data_received (joined, since
# the kernel's chunking is arbitrary), eof_received after the client's write_eof(), then
# connection_lost(None) exactly once and last. The server echoes in upper case and closes on EOF.
import asyncio


class Rec(asyncio.Protocol):
    def __init__(self, name, done):
        self.name, self.done = name, done
        self.events, self.data, self.transport = [], b"", None

    def log(self, event):
        if not (event == "data_received" and self.events and self.events[-1] == event):
            self.events.append(event)

    def connection_made(self, transport):
        self.transport = transport
        self.log("connection_made")

    def data_received(self, data):
        self.log("data_received")
        self.data += data

    def eof_received(self):
        self.log("eof_received")
        if self.name == "server":
            self.transport.write(self.data.upper())
        return None

    def connection_lost(self, exc):
        self.log(f"connection_lost({type(exc).__name__ if exc else None})")
        self.done.set_result(None)


async def main():
    loop = asyncio.get_running_loop()
    server_done, client_done = loop.create_future(), loop.create_future()
    server_side = Rec("server", server_done)
    server = await loop.create_server(lambda: server_side, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    transport, client = await loop.create_connection(lambda: Rec("client", client_done), "127.0.0.1", port)
    print("after create_connection:", " ".join(client.events))
    transport.write(b"hello ")
    transport.writelines([b"wor", b"ld"])
    print("can_write_eof:", transport.can_write_eof())
    transport.write_eof()
    print("is_closing after write_eof:", transport.is_closing())
    await asyncio.gather(server_done, client_done)
    for p in (server_side, client):
        print(f"{p.name}: {' '.join(p.events)}")
        print(f"{p.name} got: {p.data.decode()!r}")
    server.close()
    await server.wait_closed()
    print("server closed")


asyncio.run(main())
