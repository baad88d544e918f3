"""Twins of spec-tests/tests/server/create-server.test.ts (PEP 3156 § Internet connections)."""

import errno
import socket

from _net import Recorder, has_ipv6, until
from twinlib import TwinCase, error_name, statement


def recording():
    accepted: list[Recorder] = []

    def factory() -> Recorder:
        p = Recorder()
        accepted.append(p)
        return p

    return factory, accepted


async def round_trip(loop, accepted, host: str, port: int, word: str) -> None:
    """Connects to (host, port), sends a word and waits until the server's protocol got it."""
    t, _ = await loop.create_connection(Recorder, host, port)
    t.write(word.encode())
    await until(loop, lambda: any(p.text() == word for p in accepted))
    t.close()


class CreateServer(TwinCase):
    @statement("server.create.arguments")
    def test_arguments(self) -> None:
        loop = self.loop
        f = Recorder

        async def main():
            listening = socket.socket()
            listening.bind(("127.0.0.1", 0))
            listening.listen()
            cases = {
                "sock with host": lambda: loop.create_server(f, "127.0.0.1", 0, sock=listening),
                "timeout without ssl": lambda: loop.create_server(f, "127.0.0.1", 0, ssl_handshake_timeout=1),
                "ssl true": lambda: loop.create_server(f, "127.0.0.1", 0, ssl=True),
                "backlog string": lambda: loop.create_server(f, "127.0.0.1", 0, backlog="5"),
            }
            out = {}
            for what, call in cases.items():
                try:
                    server = await call()
                    server.close()
                    out[what] = "listening"
                except Exception as error:  # noqa: BLE001
                    out[what] = error_name(error)
            listening.close()
            return out

        self.assertEqual(
            self.run_async(main()),
            {
                "sock with host": "ValueError",
                "timeout without ssl": "ValueError",
                "ssl true": "TypeError",
                "backlog string": "TypeError",
            },
        )

    @statement("server.create.address-in-use")
    def test_address_in_use(self) -> None:
        loop = self.loop

        async def main():
            first = await loop.create_server(Recorder, "127.0.0.1", 0)
            port = first.sockets[0].getsockname()[1]
            out = ["listening"]
            try:
                second = await loop.create_server(Recorder, "127.0.0.1", port)
                second.close()
            except Exception as error:  # noqa: BLE001
                out = [error_name(error), errno.errorcode.get(getattr(error, "errno", None)), str(port) in str(error)]
            first.close()
            return out

        self.assertEqual(self.run_async(main()), ["OSError", "EADDRINUSE", True])

    @statement("server.create.reuse-address")
    def test_reuse_address(self) -> None:
        loop = self.loop

        async def main():
            one_factory, one = recording()
            first = await loop.create_server(one_factory, "127.0.0.1", 0, reuse_address=True)
            port = first.sockets[0].getsockname()[1]
            client = Recorder()
            await loop.create_connection(lambda: client, "127.0.0.1", port)
            await until(loop, lambda: len(one) == 1)
            # The server's side closes first, so its end of the connection is left in TIME_WAIT.
            first.close()
            one[0].transport.close()  # close_clients() is 3.13+; this is what it does
            await until(loop, lambda: "connection_lost" in client.events)
            await first.wait_closed()
            two_factory, two = recording()
            second = await loop.create_server(two_factory, "127.0.0.1", port)
            await round_trip(loop, two, "127.0.0.1", port, "again")
            second.close()
            return two[0].text() if two else None

        self.assertEqual(self.run_async(main()), "again")

    @statement("server.create.hosts")
    def test_hosts(self) -> None:
        loop = self.loop
        v6 = has_ipv6()
        hosts = ["127.0.0.1", "::1"] if v6 else ["127.0.0.1"]

        async def main():
            factory, accepted = recording()
            server = await loop.create_server(factory, hosts, 0)
            socks = sorted([int(s.family), s.getsockname()[0]] for s in server.sockets)
            for s in server.sockets:
                host, port = s.getsockname()[:2]
                await round_trip(loop, accepted, host, port, f"to {host}")
            server.close()
            return [socks, sorted(p.text() for p in accepted)]

        socks, texts = self.run_async(main())
        self.assertEqual(socks, [[2, "127.0.0.1"], [10, "::1"]] if v6 else [[2, "127.0.0.1"]])
        self.assertEqual(texts, sorted(f"to {h}" for h in hosts))

    @statement("server.create.all-interfaces")
    def test_all_interfaces(self) -> None:
        loop = self.loop
        v6 = has_ipv6()

        async def main():
            factory, accepted = recording()
            server = await loop.create_server(factory, None, 0)
            socks = sorted([int(s.family), s.getsockname()[0]] for s in server.sockets)
            v4 = [s for s in server.sockets if s.family == socket.AF_INET]
            if v4:
                await round_trip(loop, accepted, "127.0.0.1", v4[0].getsockname()[1], "any")
            server.close()
            v4only = await loop.create_server(Recorder, None, 0, family=socket.AF_INET)
            only = [[int(s.family), s.getsockname()[0]] for s in v4only.sockets]
            v4only.close()
            return [socks, accepted[0].text() if accepted else None, only]

        socks, text, only = self.run_async(main())
        self.assertEqual(socks, [[2, "0.0.0.0"], [10, "::"]] if v6 else [[2, "0.0.0.0"]])
        self.assertEqual(text, "any")
        self.assertEqual(only, [[2, "0.0.0.0"]], "family AF_INET keeps only the IPv4 wildcard")

    @statement("server.create.sock")
    def test_sock(self) -> None:
        # Node: a listening net.Server. Python: a listening socket.socket.
        loop = self.loop

        async def main():
            listening = socket.socket()
            listening.bind(("127.0.0.1", 0))
            listening.listen()
            port = listening.getsockname()[1]
            factory, accepted = recording()
            server = await loop.create_server(factory, None, None, sock=listening, backlog=5)
            reported = server.sockets[0].getsockname() if server.sockets else None
            await round_trip(loop, accepted, "127.0.0.1", port, "via sock")
            server.close()
            await server.wait_closed()
            return [reported, accepted[0].text() if accepted else None, port, listening.fileno()]

        reported, text, port, fileno = self.run_async(main())
        self.assertEqual(tuple(reported), ("127.0.0.1", port))
        self.assertEqual(text, "via sock")
        self.assertEqual(fileno, -1, "closing the server closed the socket")

    @statement("server.create.backlog")
    def test_backlog(self) -> None:
        loop = self.loop

        async def main():
            factory, accepted = recording()
            server = await loop.create_server(factory, "127.0.0.1", 0, backlog=1)
            port = server.sockets[0].getsockname()[1]
            for word in ("a", "b", "c"):
                await round_trip(loop, accepted, "127.0.0.1", port, word)
            server.close()
            return [p.text() for p in accepted]

        self.assertEqual(self.run_async(main()), ["a", "b", "c"])
