"""Twins of spec-tests/tests/protocol/buffered.test.ts (asyncio 3.7 BufferedProtocol)."""

import asyncio

from _net import TLS, TCP, Buffered, Probe, StreamKind, is_pattern, listen, pair, pattern, until
from twinlib import TwinCase, statement


class Collect(asyncio.BufferedProtocol):
    def __init__(self) -> None:
        self.buffer = bytearray(7)  # small on purpose: the transport must refill it several times
        self.got = bytearray()
        self.events: list[str] = []
        self.hint_types: set[type] = set()

    def connection_made(self, transport) -> None:
        self.events.append("connection_made")

    def get_buffer(self, sizehint: int) -> bytearray:
        self.hint_types.add(type(sizehint))
        return self.buffer

    def buffer_updated(self, nbytes: int) -> None:
        self.got += self.buffer[:nbytes]

    def connection_lost(self, exc) -> None:
        self.events.append("connection_lost")


class Buffer(TwinCase):
    @statement("protocol.buffered.receives-all")
    def test_receives_all(self) -> None:
        loop = self.loop
        text = "a message longer than the buffer it is received into"

        async def main():
            server, port, collected = await listen(loop, Collect)
            t, _ = await loop.create_connection(asyncio.Protocol, "127.0.0.1", port)
            t.write(text.encode())
            t.close()
            await until(loop, lambda: len(collected) == 1 and "connection_lost" in collected[0].events)
            server.close()
            return collected[0]

        c = self.run_async(main())
        self.assertEqual(c.got.decode(), text)
        self.assertEqual(c.hint_types, {int})

    def buffered_order(self, kind: StreamKind) -> None:
        loop = self.loop
        server = Buffered()
        total = 100_003

        async def main():
            p = await pair(kind, loop, Probe(), server)
            p.client_transport.write(pattern(total))
            p.client_transport.close()
            await until(loop, server.is_lost, 5)
            p.listener.stop()

        self.run_async(main())
        self.assertTrue(is_pattern(server.received, total), "every byte, in order, through the small buffer")
        self.assertNotIn("data_received", server.events, "a BufferedProtocol never gets data_received")
        self.assertTrue(
            all(isinstance(h, int) and h >= -1 for h in server.hints),
            f"sizehint is a byte count (or -1): {sorted(set(server.hints))}",
        )
        ev = server.events
        self.assertTrue(
            all(ev[i - 1] == "get_buffer" for i, e in enumerate(ev) if e == "buffer_updated"),
            "each buffer_updated right after its get_buffer",
        )
        shape = [e for e in ev if e != "get_buffer"]  # a last get_buffer may find the end of stream
        collapsed = [e for i, e in enumerate(shape) if not (e == "buffer_updated" and i and shape[i - 1] == e)]
        self.assertEqual(collapsed, ["connection_made", "buffer_updated", "eof_received", "connection_lost"])
        self.assertIsNone(server.lost_with)

    @statement("protocol.buffered.order")
    def test_order_tcp(self) -> None:
        self.buffered_order(TCP)

    @statement("protocol.buffered.tls")
    def test_order_tls(self) -> None:
        self.buffered_order(TLS)
