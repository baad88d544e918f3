# A protocol callback that raises (data_received, then eof_received on another connection): the
# loop's exception handler gets a context with the exception, the protocol and the transport; the
# transport is closed with connection_lost(that exception), scheduled with call_soon at once (one
# loop iteration later, counted by a call_soon ticker); the client sees a clean end; a third
# connection to the same server carries on.
import asyncio

it = 0


class Server(asyncio.Protocol):
    def __init__(self, name, fail_in):
        self.name, self.fail_in, self.transport, self.raised_at = name, fail_in, None, None
        self.lost = asyncio.get_running_loop().create_future()

    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        if self.fail_in == "data_received":
            self.raised_at = it
            raise ValueError(f"{self.name}: bad data")
        self.transport.write(data)

    def eof_received(self):
        if self.fail_in == "eof_received":
            self.raised_at = it
            raise RuntimeError(f"{self.name}: bad eof")
        return None

    def connection_lost(self, exc):
        after = f" after iterations: {it - self.raised_at}" if self.raised_at is not None else ""
        print(f"{self.name}: connection_lost({type(exc).__name__ if exc else None}){after}")
        self.lost.set_result(exc)


class Client(asyncio.Protocol):
    def __init__(self):
        self.data, self.events = b"", []
        self.lost = asyncio.get_running_loop().create_future()

    def data_received(self, data):
        self.data += data

    def eof_received(self):
        self.events.append("eof_received")

    def connection_lost(self, exc):
        self.events.append(f"connection_lost({type(exc).__name__ if exc else None})")
        self.lost.set_result(None)


async def main():
    loop = asyncio.get_running_loop()

    def tick():
        global it
        it += 1
        loop.call_soon(tick)

    loop.call_soon(tick)
    contexts = []
    loop.set_exception_handler(lambda _loop, context: contexts.append(context))
    plan = iter([("s1", "data_received"), ("s2", "eof_received"), ("s3", None)])
    servers = []

    def factory():
        servers.append(Server(*next(plan)))
        return servers[-1]

    server = await loop.create_server(factory, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    for provoke in ("write", "write_eof"):
        transport, client = await loop.create_connection(Client, "127.0.0.1", port)
        while len(servers) < (1 if provoke == "write" else 2):
            await asyncio.sleep(0)
        if provoke == "write":
            transport.write(b"x")
        else:
            transport.write_eof()
        exc = await servers[-1].lost
        context = contexts[-1]
        print(f"  handler: {type(context['exception']).__name__}, same as connection_lost's: {context['exception'] is exc}")
        print(f"  context protocol is the protocol: {context.get('protocol') is servers[-1]}")
        print(f"  context transport is its transport: {context.get('transport') is servers[-1].transport}")
        await client.lost
        print(f"  client: {' '.join(client.events)}")
    transport, client = await loop.create_connection(Client, "127.0.0.1", port)
    transport.write(b"still fine")
    while client.data != b"still fine":
        await asyncio.sleep(0.001)
    print("third connection echoes:", client.data.decode())
    transport.close()
    await servers[-1].lost
    print("handler calls:", len(contexts))
    server.close()
    await server.wait_closed()


asyncio.run(main())
