"""Twins of spec-tests/tests/datagram/udp.test.ts (PEP 3156 § Datagram Transports, § Datagram
Protocols)."""

import asyncio
import socket
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _dgram import Dgram, dead_port, receiver, settle, until  # noqa: E402
from twinlib import TwinCase, error_name, statement  # noqa: E402


class Transports(TwinCase):
    @statement("datagram.round-trip.order")
    def test_round_trip_order(self) -> None:
        server, client = Dgram(), Dgram()
        server.echo = True

        async def main():
            loop = asyncio.get_running_loop()
            st, _ = await loop.create_datagram_endpoint(lambda: server, local_addr=("127.0.0.1", 0))
            port = st.get_extra_info("sockname")[1]
            ct, _ = await loop.create_datagram_endpoint(lambda: client, remote_addr=("127.0.0.1", port))
            client_port = ct.get_extra_info("sockname")[1]
            ct.sendto(b"ping")
            await until(lambda: len(client.got) == 1)
            ct.close()
            st.close()
            await until(lambda: client.is_lost() and server.is_lost())
            return ("127.0.0.1", port), ("127.0.0.1", client_port)

        server_addr, client_addr = self.run_async(main())
        self.assertEqual(server.got[0][0], "ping")
        self.assertEqual(tuple(server.got[0][1][:2]), client_addr, "the server is told who sent it")
        self.assertEqual(client.got[0][0], "ping")
        self.assertEqual(tuple(client.got[0][1][:2]), server_addr, "the client is told who replied")
        self.assertEqual(client.events, ["connection_made", "datagram_received", "connection_lost"])

    @statement("datagram.sendto.checks")
    def test_sendto_checks(self) -> None:
        async def main():
            loop = asyncio.get_running_loop()
            free, _ = await loop.create_datagram_endpoint(Dgram, local_addr=("127.0.0.1", 0))
            port = free.get_extra_info("sockname")[1]
            connected, _ = await loop.create_datagram_endpoint(Dgram, remote_addr=("127.0.0.1", port))
            out = []
            for call in (
                lambda: free.sendto("x", ("127.0.0.1", port)),
                lambda: connected.sendto(b"x", ("127.0.0.1", port + 1)),
            ):
                try:
                    call()
                    out.append("sent")
                except Exception as error:  # noqa: BLE001
                    out.append(error_name(error))
            free.close()
            connected.close()
            return out

        self.assertEqual(self.run_async(main()), ["TypeError", "ValueError"])

    @statement("datagram.extra-info.names")
    def test_extra_info_names(self) -> None:
        async def main():
            loop = asyncio.get_running_loop()
            rt, rport, _ = await receiver()
            t, _ = await loop.create_datagram_endpoint(Dgram, remote_addr=("127.0.0.1", rport))
            sock = t.get_extra_info("socket")
            out = {
                "sockname": t.get_extra_info("sockname")[0],
                "port": type(t.get_extra_info("sockname")[1]).__name__,
                "peername": tuple(t.get_extra_info("peername")[:2]),
                "unconnected": rt.get_extra_info("peername", "none"),
                "socket": sock.type == socket.SOCK_DGRAM,
                "unknown": t.get_extra_info("no-such-name", "dflt"),
            }
            t.close()
            rt.close()
            return out, rport

        out, remote = self.run_async(main())
        self.assertEqual(
            out,
            {
                "sockname": "127.0.0.1",
                "port": "int",
                "peername": ("127.0.0.1", remote),
                "unconnected": None,
                "socket": True,
                "unknown": "dflt",
            },
        )


class Protocols(TwinCase):
    @statement("datagram.order.made-first")
    def test_made_first(self) -> None:
        proto = Dgram()

        async def main():
            loop = asyncio.get_running_loop()
            t, _ = await loop.create_datagram_endpoint(lambda: proto, local_addr=("127.0.0.1", 0))
            seen = list(proto.events)
            t.close()
            await until(proto.is_lost)
            return seen

        self.assertEqual(self.run_async(main()), ["connection_made"])
        self.assertEqual(proto.events, ["connection_made", "connection_lost"])

    @statement("datagram.close.lost-once")
    def test_close_lost_once(self) -> None:
        proto, peer = Dgram(), Dgram()

        async def main():
            loop = asyncio.get_running_loop()
            rt, rport, _ = await receiver(peer)
            t, _ = await loop.create_datagram_endpoint(lambda: proto, remote_addr=("127.0.0.1", rport))
            port = t.get_extra_info("sockname")[1]
            t.close()
            closing = t.is_closing()
            t.close()
            t.abort()
            t.sendto(b"after close")
            rt.sendto(b"to a closed endpoint", ("127.0.0.1", port))
            await until(proto.is_lost)
            await settle()
            rt.close()
            return closing, proto.lost_with

        self.assertEqual(self.run_async(main()), (True, None))
        self.assertEqual(proto.events, ["connection_made", "connection_lost"])
        self.assertEqual(peer.got, [], "nothing was sent after close()")

    @statement("datagram.abort.lost-once")
    def test_abort_lost_once(self) -> None:
        proto = Dgram()

        async def main():
            loop = asyncio.get_running_loop()
            t, _ = await loop.create_datagram_endpoint(lambda: proto, local_addr=("127.0.0.1", 0))
            t.abort()
            closing = t.is_closing()
            t.abort()
            await until(proto.is_lost)
            await settle()
            return closing, proto.lost_with

        self.assertEqual(self.run_async(main()), (True, None))
        self.assertEqual(proto.events, ["connection_made", "connection_lost"])

    @statement("datagram.close.flushes")
    def test_close_flushes(self) -> None:
        peer = Dgram()

        async def main():
            loop = asyncio.get_running_loop()
            rt, rport, _ = await receiver(peer)
            proto = Dgram()
            t, _ = await loop.create_datagram_endpoint(lambda: proto, local_addr=("127.0.0.1", 0))
            for i in range(10):
                t.sendto(f"d{i}".encode(), ("127.0.0.1", rport))
            t.close()
            await until(lambda: proto.is_lost() and len(peer.got) == 10)
            rt.close()
            return sorted(d for d, _ in peer.got)

        self.assertEqual(self.run_async(main()), [f"d{i}" for i in range(10)])

    @statement("datagram.error-received.refused")
    def test_error_received_refused(self) -> None:
        proto = Dgram()

        async def main():
            loop = asyncio.get_running_loop()
            port = await dead_port()
            t, _ = await loop.create_datagram_endpoint(lambda: proto, remote_addr=("127.0.0.1", port))
            for _ in range(20):
                if proto.errors:
                    break
                t.sendto(b"anyone?")
                await settle(0.005)
            is_open = not t.is_closing() and not proto.is_lost()
            t.sendto(b"still sending")
            t.close()
            await until(proto.is_lost)
            return is_open, proto.errors[0]

        is_open, error = self.run_async(main())
        self.assertEqual(error_name(error), "ConnectionRefusedError")
        self.assertEqual(error.errno, __import__("errno").ECONNREFUSED)
        self.assertTrue(is_open, "error_received does not close the endpoint")
        self.assertIsNone(proto.lost_with)

    @statement("datagram.protocol.set")
    def test_protocol_set(self) -> None:
        first, second = Dgram(), Dgram()

        async def main():
            loop = asyncio.get_running_loop()
            rt, rport, _ = await receiver(first)
            before = rt.get_protocol() is first
            rt.set_protocol(second)
            sender, _ = await loop.create_datagram_endpoint(Dgram, remote_addr=("127.0.0.1", rport))
            sender.sendto(b"to the second")
            await until(lambda: len(second.got) == 1)
            # asyncio drops the transport's protocol once connection_lost ran: ask before closing.
            after = rt.get_protocol() is second
            sender.close()
            rt.close()
            await until(second.is_lost)
            return before, after

        self.assertEqual(self.run_async(main()), (True, True))
        self.assertEqual(second.got[0][0], "to the second")
        self.assertEqual(first.events, ["connection_made"])


class Timing(TwinCase):
    @statement("datagram.close.next-iteration")
    def test_close_next_iteration(self) -> None:
        async def main():
            loop = asyncio.get_running_loop()
            it = 0
            ticking = True

            def tick():
                nonlocal it
                it += 1
                if ticking:
                    loop.call_soon(tick)

            loop.call_soon(tick)
            out = {}
            for how in ("close", "abort"):
                proto = Dgram()
                lost_at = -1
                record = proto.connection_lost

                def lost(exc, record=record):
                    nonlocal lost_at
                    lost_at = it
                    record(exc)

                proto.connection_lost = lost
                t, _ = await loop.create_datagram_endpoint(lambda proto=proto: proto, local_addr=("127.0.0.1", 0))
                await settle(0.005)
                at = it
                getattr(t, how)()
                synchronous = lost_at != -1
                await until(lambda: lost_at != -1)
                out[how] = (synchronous, lost_at - at)
            ticking = False
            return out

        got = self.run_async(main())
        for how in ("close", "abort"):
            synchronous, later = got[how]
            self.assertFalse(synchronous, f"{how}(): connection_lost is not called inside it")
            self.assertLessEqual(later, 1, f"{how}(): connection_lost comes in the next iteration")
