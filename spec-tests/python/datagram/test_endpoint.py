"""Twins of spec-tests/tests/datagram/endpoint.test.ts (PEP 3156 § Internet connections:
create_datagram_endpoint)."""

import asyncio
import socket
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _dgram import Dgram, has_ipv6, settle, until  # noqa: E402
from twinlib import TwinCase, error_name, statement  # noqa: E402


class Endpoint(TwinCase):
    @statement("datagram.create.arguments")
    def test_arguments(self) -> None:
        async def main():
            loop = asyncio.get_running_loop()
            sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            stream = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            local = ("127.0.0.1", 0)
            cases = {
                # asyncio 3.11 removed the parameter: a TypeError like any unknown keyword.
                "reuse_address": lambda: loop.create_datagram_endpoint(
                    Dgram, local_addr=local, reuse_address=True
                ),
                "no address, no family": lambda: loop.create_datagram_endpoint(Dgram),
                "sock with local_addr": lambda: loop.create_datagram_endpoint(
                    Dgram, sock=sock, local_addr=local
                ),
                # Python spells "not a socket object" AttributeError (no .type); JavaScript TypeError.
                "sock not a socket": lambda: loop.create_datagram_endpoint(Dgram, sock={}),
                "sock a stream socket": lambda: loop.create_datagram_endpoint(Dgram, sock=stream),
                "local_addr a string": lambda: loop.create_datagram_endpoint(Dgram, local_addr="127.0.0.1"),
                # Python spells a port outside 0-65535 OverflowError; JavaScript has no such class.
                "remote port 70000": lambda: loop.create_datagram_endpoint(
                    Dgram, remote_addr=("127.0.0.1", 70000)
                ),
                "factory": lambda: loop.create_datagram_endpoint(1, local_addr=local),
            }
            out = {}
            for what, call in cases.items():
                try:
                    t, _ = await call()
                    t.close()
                    out[what] = "created"
                except Exception as error:  # noqa: BLE001
                    out[what] = error_name(error)
            sock.close()
            stream.close()
            return out

        self.assertEqual(
            self.run_async(main()),
            {
                "reuse_address": "TypeError",
                "no address, no family": "ValueError",
                "sock with local_addr": "ValueError",
                "sock not a socket": "AttributeError",
                "sock a stream socket": "ValueError",
                "local_addr a string": "TypeError",
                "remote port 70000": "OverflowError",
                "factory": "TypeError",
            },
        )

    @statement("datagram.create.addresses")
    def test_addresses(self) -> None:
        server, client = Dgram(), Dgram()

        async def main():
            loop = asyncio.get_running_loop()
            st, _ = await loop.create_datagram_endpoint(lambda: server, local_addr=("127.0.0.1", 0))
            port = st.get_extra_info("sockname")[1]
            unconnected_peer = st.get_extra_info("peername", "none")
            probing = Dgram()
            probe, _ = await loop.create_datagram_endpoint(lambda: probing, local_addr=("127.0.0.1", 0))
            free = probe.get_extra_info("sockname")[1]
            probe.close()
            await until(probing.is_lost)
            ct, _ = await loop.create_datagram_endpoint(
                lambda: client, local_addr=("127.0.0.1", free), remote_addr=("127.0.0.1", port)
            )
            ct.sendto(b"hello")
            await until(lambda: len(server.got) == 1)
            out = [unconnected_peer, ct.get_extra_info("peername"), ct.get_extra_info("sockname"), server.got[0]]
            ct.close()
            st.close()
            await until(lambda: client.is_lost() and server.is_lost())
            return out, free

        (unconnected_peer, peer, sockname, received), free = self.run_async(main())
        self.assertIsNone(unconnected_peer, "an unconnected endpoint has peername None")
        self.assertEqual(peer[0], "127.0.0.1")
        self.assertEqual(sockname, ("127.0.0.1", free))
        self.assertEqual(received, ("hello", ("127.0.0.1", free)))

    @statement("datagram.create.family")
    def test_family(self) -> None:
        v6 = has_ipv6()

        async def main():
            loop = asyncio.get_running_loop()
            t4, _ = await loop.create_datagram_endpoint(Dgram, family=socket.AF_INET)
            s4 = len(t4.get_extra_info("sockname"))
            t4.close()
            s6 = 4
            if v6:
                t6, _ = await loop.create_datagram_endpoint(Dgram, family=socket.AF_INET6)
                s6 = len(t6.get_extra_info("sockname"))
                t6.close()
            return [s4, s6]

        self.assertEqual(self.run_async(main()), [2, 4], "IPv4 sockaddr has 2 fields, IPv6 4")

    @statement("datagram.create.ipv6")
    def test_ipv6(self) -> None:
        if not has_ipv6():
            self.skipTest("no IPv6 loopback")
        server, client = Dgram(), Dgram()

        async def main():
            loop = asyncio.get_running_loop()
            st, _ = await loop.create_datagram_endpoint(lambda: server, local_addr=("::1", 0))
            port = st.get_extra_info("sockname")[1]
            ct, _ = await loop.create_datagram_endpoint(lambda: client, remote_addr=("::1", port))
            ct.sendto(b"six")
            await until(lambda: len(server.got) == 1)
            ct.close()
            st.close()
            return server.got[0]

        text, addr = self.run_async(main())
        self.assertEqual(text, "six")
        self.assertEqual(addr[0], "::1")
        self.assertEqual(len(addr), 4)

    @statement("datagram.create.broadcast")
    def test_broadcast(self) -> None:
        receiver, plain, broadcasting = Dgram(), Dgram(), Dgram()

        async def main():
            loop = asyncio.get_running_loop()
            rt, _ = await loop.create_datagram_endpoint(lambda: receiver, local_addr=("0.0.0.0", 0))
            port = rt.get_extra_info("sockname")[1]
            pt, _ = await loop.create_datagram_endpoint(lambda: plain, local_addr=("127.0.0.1", 0))
            bt, _ = await loop.create_datagram_endpoint(
                lambda: broadcasting, local_addr=("127.0.0.1", 0), allow_broadcast=True
            )
            pt.sendto(b"denied", ("127.255.255.255", port))
            bt.sendto(b"allowed", ("127.255.255.255", port))
            await until(lambda: len(plain.errors) == 1 and len(receiver.got) >= 1)
            await settle(0.05)
            still_open = not pt.is_closing()
            for t in (rt, pt, bt):
                t.close()
            return [error_name(plain.errors[0]), len(broadcasting.errors), [d for d, _ in receiver.got], still_open]

        self.assertEqual(self.run_async(main()), ["PermissionError", 0, ["allowed"], True])

    @statement("datagram.create.sock")
    def test_sock(self) -> None:
        server = Dgram()

        async def main():
            loop = asyncio.get_running_loop()
            bound = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            bound.bind(("127.0.0.1", 0))
            st, _ = await loop.create_datagram_endpoint(lambda: server, sock=bound)
            sockname = st.get_extra_info("sockname")
            unbound = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            ct, _ = await loop.create_datagram_endpoint(Dgram, sock=unbound)
            ct.sendto(b"via sock", ("127.0.0.1", sockname[1]))
            await until(lambda: len(server.got) == 1)
            same = sockname[1] == bound.getsockname()[1]
            ct.close()
            st.close()
            await until(server.is_lost)
            return [same, server.got[0][0], bound.fileno() == -1]

        self.assertEqual(self.run_async(main()), [True, "via sock", True], "the given socket is closed with the transport")
