# Chapter 6: the echo server as a Protocol, and a client Protocol, in one program on loopback.
# Python twin of 06-echo-protocol.ts.
import asyncio


class EchoServer(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport
        print("server: connection made")

    def data_received(self, data):
        print(f"server: received {data.decode()!r}")
        self.transport.write(b"echo:" + data)

    def connection_lost(self, exc):
        print("server: connection lost")


class EchoClient(asyncio.Protocol):
    def __init__(self, messages, done):
        self.messages = list(messages)
        self.done = done

    def connection_made(self, transport):
        self.transport = transport
        self.send_next()

    def send_next(self):
        if self.messages:
            self.transport.write(self.messages.pop(0).encode())
        else:
            self.transport.close()

    def data_received(self, data):
        print(f"client: got {data.decode()!r}")
        self.send_next()

    def connection_lost(self, exc):
        print("client: connection lost")
        self.done.set_result(None)


async def main():
    loop = asyncio.get_event_loop()
    server = await loop.create_server(EchoServer, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    done = loop.create_future()
    await loop.create_connection(lambda: EchoClient(["hello", "world"], done), "127.0.0.1", port)
    await done
    await asyncio.sleep(0.01)
    server.close()
    await server.wait_closed()
    print("server closed")


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
loop.run_until_complete(main())
loop.close()
