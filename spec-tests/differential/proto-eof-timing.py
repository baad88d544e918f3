# What follows eof_received, in loop steps, over TCP and over a Unix socket: when it returns a
# falsy value the transport closes itself and connection_lost(None) runs after the call_soon
# callbacks eof_received scheduled (the close's call_soon comes after them); when it returns True the
# transport stays open (is_closing() False in the next step) until the protocol closes it.
import asyncio
import os
import tempfile


class Peer(asyncio.Protocol):
    def __init__(self, keep_open, log):
        self.keep_open, self.log, self.transport = keep_open, log, None
        self.lost = asyncio.get_running_loop().create_future()

    def connection_made(self, transport):
        self.transport = transport

    def eof_received(self):
        loop = asyncio.get_running_loop()
        self.log.append("eof_received")
        loop.call_soon(lambda: self.log.append(f"step after eof: is_closing={self.transport.is_closing()}"))
        if self.keep_open:
            loop.call_soon(self.finish)
        return self.keep_open

    def finish(self):
        self.transport.write(b"late reply")
        self.transport.close()
        self.log.append("closed by the protocol")
        asyncio.get_running_loop().call_soon(self.log.append, "call_soon after close")

    def connection_lost(self, exc):
        self.log.append(f"connection_lost({type(exc).__name__ if exc else None})")
        self.lost.set_result(None)


class Client(asyncio.Protocol):
    def __init__(self):
        self.data = b""
        self.lost = asyncio.get_running_loop().create_future()

    def data_received(self, data):
        self.data += data

    def connection_lost(self, exc):
        self.lost.set_result(None)


async def main():
    loop = asyncio.get_running_loop()
    where = os.path.join(tempfile.mkdtemp(), "eof.sock")
    for kind in ("tcp", "unix"):
        for keep_open in (None, False, True):
            log = []
            peers = []

            def factory():
                peers.append(Peer(keep_open, log))
                return peers[-1]

            if kind == "tcp":
                server = await loop.create_server(factory, "127.0.0.1", 0)
                port = server.sockets[0].getsockname()[1]
                transport, client = await loop.create_connection(Client, "127.0.0.1", port)
            else:
                server = await loop.create_unix_server(factory, where)
                transport, client = await loop.create_unix_connection(Client, where)
            transport.write_eof()
            while not peers:
                await asyncio.sleep(0)
            await asyncio.gather(peers[0].lost, client.lost)
            print(f"{kind}, eof_received returns {keep_open}: {' / '.join(log)}")
            print(f"  client got {client.data.decode()!r}")
            server.close()
            await server.wait_closed()
            if os.path.exists(where):
                os.unlink(where)
    os.rmdir(os.path.dirname(where))


asyncio.run(main())
