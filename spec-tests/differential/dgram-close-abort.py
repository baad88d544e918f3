# Datagram close() and abort(): is_closing() at once; a connected endpoint drops sendto() after
# close(); close()/abort() again do nothing; connection_lost(None) exactly once; peername is the
# remote address, None (not the default) without one.
import asyncio


class Rec(asyncio.DatagramProtocol):
    def __init__(self):
        self.events, self.got = [], []

    def connection_made(self, transport):
        self.events.append("connection_made")

    def datagram_received(self, data, addr):
        self.got.append(data.decode())

    def connection_lost(self, exc):
        self.events.append(f"connection_lost {exc}")


async def until(condition):
    for _ in range(2000):
        if condition():
            return
        await asyncio.sleep(0.001)
    raise RuntimeError("condition not met")


async def main():
    loop = asyncio.get_running_loop()
    receiver = Rec()
    rt, _ = await loop.create_datagram_endpoint(lambda: receiver, local_addr=("127.0.0.1", 0))
    port = rt.get_extra_info("sockname")[1]
    print(f"unconnected peername: {rt.get_extra_info('peername', 'default')}")

    closing = Rec()
    ct, _ = await loop.create_datagram_endpoint(lambda: closing, remote_addr=("127.0.0.1", port))
    print(f"connected peername is the remote: {tuple(ct.get_extra_info('peername')) == ('127.0.0.1', port)}")
    ct.sendto(b"before close")
    ct.close()
    print(f"closing: {ct.is_closing()}, lost yet: {len(closing.events) > 1}")
    ct.sendto(b"after close")
    ct.close()
    ct.abort()
    await until(lambda: len(closing.events) > 1)

    aborting = Rec()
    at, _ = await loop.create_datagram_endpoint(lambda: aborting, local_addr=("127.0.0.1", 0))
    at.abort()
    print(f"aborting: {at.is_closing()}, lost yet: {len(aborting.events) > 1}")
    at.abort()
    await until(lambda: len(aborting.events) > 1)

    await until(lambda: len(receiver.got) >= 1)
    await asyncio.sleep(0.02)
    rt.close()
    await until(lambda: len(receiver.events) > 1)
    print(f"received: {receiver.got}")
    for name, proto in (("closing", closing), ("aborting", aborting), ("receiver", receiver)):
        print(f"{name}: {', '.join(proto.events)}")


asyncio.run(main())
