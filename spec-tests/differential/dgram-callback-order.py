# Datagram protocol callback order: connection_made first (before create_datagram_endpoint
# returns), then datagram_received / error_received any number of times (error_received leaves the
# endpoint open), then connection_lost(None) exactly once, after close(). Each protocol prints its own
# calls, so the interleaving of two endpoints (host timing) does not show.
import asyncio


class Rec(asyncio.DatagramProtocol):
    def __init__(self, name, echo=False):
        self.name, self.echo, self.events, self.transport = name, echo, [], None

    def connection_made(self, transport):
        self.transport = transport
        self.events.append("connection_made")

    def datagram_received(self, data, addr):
        self.events.append(f"datagram_received {data.decode()}")
        if self.echo:
            self.transport.sendto(data.upper(), addr)

    def error_received(self, exc):
        self.events.append(f"error_received {type(exc).__name__}")

    def connection_lost(self, exc):
        self.events.append(f"connection_lost {exc}")

    def lost(self):
        return any(e.startswith("connection_lost") for e in self.events)


async def until(condition):
    for _ in range(2000):
        if condition():
            return
        await asyncio.sleep(0.001)
    raise RuntimeError("condition not met")


async def main():
    loop = asyncio.get_running_loop()
    server = Rec("server", echo=True)
    st, _ = await loop.create_datagram_endpoint(lambda: server, local_addr=("127.0.0.1", 0))
    print(f"server made before the endpoint resolved: {server.events == ['connection_made']}")
    port = st.get_extra_info("sockname")[1]
    client = Rec("client")
    ct, _ = await loop.create_datagram_endpoint(lambda: client, remote_addr=("127.0.0.1", port))
    for word in ("one", "two", "three"):
        ct.sendto(word.encode())
        await until(lambda: len(client.events) > 1 and client.events[-1] == f"datagram_received {word.upper()}")

    # A connected endpoint whose peer port is closed: error_received, and it stays open.
    dead = Rec("dead")
    dt, _ = await loop.create_datagram_endpoint(lambda: dead, local_addr=("127.0.0.1", 0))
    dead_port = dt.get_extra_info("sockname")[1]
    dt.close()
    await until(dead.lost)
    probe = Rec("probe")
    pt, _ = await loop.create_datagram_endpoint(lambda: probe, remote_addr=("127.0.0.1", dead_port))
    for _ in range(50):
        if any(e.startswith("error_received") for e in probe.events):
            break
        pt.sendto(b"anyone?")
        await asyncio.sleep(0.005)
    print(f"probe open after error_received: {not pt.is_closing()}")

    for t in (ct, st, pt):
        t.close()
        print(f"is_closing after close: {t.is_closing()}")
    await until(lambda: client.lost() and server.lost() and probe.lost())
    await asyncio.sleep(0.01)
    for proto in (server, client, dead, probe):
        events = [e for i, e in enumerate(proto.events) if not (i and e == proto.events[i - 1] and e.startswith("error"))]
        print(f"{proto.name}: {', '.join(events)}")


asyncio.run(main())
