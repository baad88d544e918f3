# Datagram sendto() errors: data that is not bytes raises TypeError and an address other than the
# remote one of a connected endpoint ValueError, at the call; a send the kernel refuses (a broadcast
# address without allow_broadcast) reaches error_received as PermissionError, and the endpoint stays
# open and goes on sending.
import asyncio


class Rec(asyncio.DatagramProtocol):
    def __init__(self):
        self.events, self.got = [], []

    def connection_made(self, transport):
        self.events.append("connection_made")

    def datagram_received(self, data, addr):
        self.got.append(data.decode())

    def error_received(self, exc):
        self.events.append(f"error_received {type(exc).__name__}")

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
    rt, _ = await loop.create_datagram_endpoint(lambda: receiver, local_addr=("0.0.0.0", 0))
    port = rt.get_extra_info("sockname")[1]
    free = Rec()
    ft, _ = await loop.create_datagram_endpoint(lambda: free, local_addr=("127.0.0.1", 0))
    connected = Rec()
    ct, _ = await loop.create_datagram_endpoint(lambda: connected, remote_addr=("127.0.0.1", port))
    for what, call in (
        ("text data", lambda: ft.sendto("text", ("127.0.0.1", port))),
        ("other address on a connected endpoint", lambda: ct.sendto(b"x", ("127.0.0.1", port + 1))),
    ):
        try:
            call()
            print(f"{what}: sent")
        except Exception as error:  # noqa: BLE001
            print(f"{what}: {type(error).__name__}")
    ft.sendto(b"denied", ("127.255.255.255", port))
    await until(lambda: len(free.events) > 1)
    print(f"after the refused send: open {not ft.is_closing()}")
    ft.sendto(b"still sending", ("127.0.0.1", port))
    ct.sendto(b"connected")
    await until(lambda: len(receiver.got) == 2)
    print(f"received: {sorted(receiver.got)}")
    for t in (ft, ct, rt):
        t.close()
    await until(lambda: all(p.events[-1].startswith("connection_lost") for p in (free, connected, receiver)))
    for name, p in (("free", free), ("connected", connected), ("receiver", receiver)):
        print(f"{name}: {', '.join(p.events)}")


asyncio.run(main())
