# Where connection_made falls, in loop steps: create_connection returns after the client's
# connection_made has run, and after a call_soon callback that connection_made scheduled (asyncio
# schedules connection_made, then the waiter's result, with call_soon). A transport written to and
# closed inside connection_made still comes back from create_connection; the server gets the data,
# then EOF; the client gets connection_lost(None) afterwards, never inside connection_made.
import asyncio


class Client(asyncio.Protocol):
    def __init__(self, log, close_at_once):
        self.log, self.close_at_once = log, close_at_once
        self.lost = asyncio.get_running_loop().create_future()

    def connection_made(self, transport):
        self.log.append("client connection_made")
        asyncio.get_running_loop().call_soon(self.log.append, "call_soon from connection_made")
        if self.close_at_once:
            transport.write(b"hello and bye")
            transport.close()
            self.log.append(f"closed inside connection_made, is_closing={transport.is_closing()}")

    def connection_lost(self, exc):
        self.log.append(f"client connection_lost({type(exc).__name__ if exc else None})")
        self.lost.set_result(None)


class Server(asyncio.Protocol):
    def __init__(self, log):
        self.log, self.data = log, b""
        self.lost = asyncio.get_running_loop().create_future()

    def data_received(self, data):
        self.data += data

    def eof_received(self):
        self.log.append(f"server eof_received after {self.data.decode()!r}")

    def connection_lost(self, exc):
        self.log.append(f"server connection_lost({type(exc).__name__ if exc else None})")
        self.lost.set_result(None)


async def main():
    loop = asyncio.get_running_loop()
    for close_at_once in (False, True):
        log = []
        servers = []
        server = await loop.create_server(lambda: servers.append(Server(log)) or servers[-1], "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        transport, client = await loop.create_connection(lambda: Client(log, close_at_once), "127.0.0.1", port)
        log.append(f"create_connection returned, is_closing={transport.is_closing()}")
        if not close_at_once:
            transport.close()
        while not servers:
            await asyncio.sleep(0)
        await asyncio.gather(client.lost, servers[0].lost)
        print(f"close inside connection_made: {close_at_once}")
        for line in log:
            if not line.startswith("server"):
                print("  " + line)
        print("  server:", " / ".join(line for line in log if line.startswith("server")))
        server.close()
        await server.wait_closed()


asyncio.run(main())
