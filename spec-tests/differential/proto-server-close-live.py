# Server close() with live clients: the server stops serving (is_serving() False, no sockets, a new
# connection is refused) but its accepted connections go on carrying data; wait_closed(), started
# before close(), completes only after the last of them is lost, after its connection_lost.
import asyncio


class Echo(asyncio.Protocol):
    def __init__(self, name, log):
        self.name, self.log, self.transport = name, log, None

    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        self.log.append(f"{self.name} got {data.decode()!r}")
        if self.name.startswith("server"):
            self.transport.write(data.upper())

    def connection_lost(self, exc):
        self.log.append(f"{self.name}: connection_lost({type(exc).__name__ if exc else None})")


async def main():
    loop = asyncio.get_running_loop()
    log = []
    count = [0]

    def factory():
        count[0] += 1
        return Echo(f"server{count[0]}", log)

    server = await loop.create_server(factory, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    clients = []
    for name in ("a", "b"):
        transport, _ = await loop.create_connection(lambda name=name: Echo(name, log), "127.0.0.1", port)
        clients.append(transport)
    while count[0] < 2:
        await asyncio.sleep(0)
    waiting = asyncio.ensure_future(server.wait_closed())
    await asyncio.sleep(0)
    server.close()
    print("after close: is_serving", server.is_serving(), "| sockets", len(server.sockets))
    try:
        await loop.create_connection(lambda: Echo("c", log), "127.0.0.1", port)
        print("new connection: accepted")
    except OSError as error:
        print("new connection:", type(error).__name__)
    clients[0].write(b"ping")
    while len(log) < 2:
        await asyncio.sleep(0.001)
    print("wait_closed done with clients connected:", waiting.done())
    clients[0].close()
    while len(log) < 4:
        await asyncio.sleep(0.001)
    print("wait_closed done with one client connected:", waiting.done())
    clients[1].write(b"last")
    while len(log) < 6:
        await asyncio.sleep(0.001)
    clients[1].close()
    await waiting
    log.append("wait_closed done")
    await asyncio.sleep(0.01)
    for line in log:
        print(line)


asyncio.run(main())
