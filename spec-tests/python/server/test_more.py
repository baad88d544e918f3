"""Twins of spec-tests/tests/server/more.test.ts (PEP 3156 § Servers, § Internet connections)."""

import asyncio
import socket
import unittest

from _net import Recorder, has_ipv6, listen, settle, until
from twinlib import TwinCase, requires_python, statement


class More(TwinCase):
    @statement("server.serve-forever.cancel")
    def test_serve_forever_cancel(self) -> None:
        loop = self.loop

        async def main():
            server = await loop.create_server(Recorder, "127.0.0.1", 0, start_serving=False)
            forever = asyncio.ensure_future(server.serve_forever())
            await settle(loop, 0.01)
            serving_while_running = server.is_serving()
            done_while_running = forever.done()
            server.close()
            try:
                await forever
            except asyncio.CancelledError:
                pass  # cancelled by close()
            return [serving_while_running, done_while_running, forever.done(), server.is_serving()]

        self.assertEqual(self.run_async(main()), [True, False, True, False])

    @statement("server.serve-forever.close-timing")
    def test_serve_forever_close_timing(self) -> None:
        loop = self.loop

        async def main():
            server = await loop.create_server(Recorder, "127.0.0.1", 0)
            forever = asyncio.ensure_future(server.serve_forever())
            await asyncio.sleep(0)
            await asyncio.sleep(0)
            order = []
            forever.add_done_callback(lambda _f: order.append("serve_forever done"))
            server.close()
            at_close = forever.done()

            def soon():
                order.append("soon 1")
                loop.call_soon(order.append, "soon 2")

            loop.call_soon(soon)
            try:
                await forever
            except asyncio.CancelledError:
                pass  # cancelled by close()
            await until(loop, lambda: len(order) >= 3)
            return {"at_close": at_close, "order": order[:3], "cancelled": forever.cancelled()}

        self.assertEqual(
            self.run_async(main()),
            {"at_close": False, "order": ["soon 1", "serve_forever done", "soon 2"], "cancelled": True},
        )

    @requires_python(3, 13, "Server.abort_clients() is new in 3.13")
    @statement("server.clients.abort")
    def test_clients_abort(self) -> None:
        loop = self.loop
        clients = [Recorder(), Recorder()]

        async def main():
            server, port, accepted = await listen(loop)
            for client in clients:
                await loop.create_connection(lambda client=client: client, "127.0.0.1", port)
            await until(loop, lambda: len(accepted) == 2)
            server.abort_clients()
            await until(loop, lambda: all("connection_lost" in c.events for c in clients))
            server.close()

        self.run_async(main())
        for client in clients:
            self.assertEqual(client.events[-1], "connection_lost")

    @statement("protocol.connect.ipv6-loopback")
    def test_ipv6_loopback(self) -> None:
        if not has_ipv6():
            raise unittest.SkipTest("this host has no IPv6 loopback")
        loop = self.loop
        client = Recorder()

        async def main():
            server = await loop.create_server(Recorder, "::1", 0)
            host, port = server.sockets[0].getsockname()[:2]
            t, _ = await loop.create_connection(lambda: client, "::1", port)
            peer = t.get_extra_info("peername")
            t.close()
            await until(loop, lambda: "connection_lost" in client.events)
            server.close()
            return [host, len(peer), peer[1] == port]

        self.assertEqual(self.run_async(main()), ["::1", 4, True])

    @statement("protocol.connect.local-addr-and-sock")
    def test_local_addr_and_sock(self) -> None:
        loop = self.loop

        async def main():
            server, port, accepted = await listen(loop)
            t1, _ = await loop.create_connection(Recorder, "127.0.0.1", port, local_addr=("127.0.0.1", 0))
            local = t1.get_extra_info("sockname")[0]
            t1.close()
            raw = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            raw.setblocking(False)
            await loop.sock_connect(raw, ("127.0.0.1", port))
            wrapped = Recorder()
            t2, _ = await loop.create_connection(lambda: wrapped, sock=raw)
            t2.write(b"via sock")
            await until(loop, lambda: any(p.text() == "via sock" for p in accepted))
            t2.close()
            server.close()
            return [local, wrapped.events[0]]

        self.assertEqual(self.run_async(main()), ["127.0.0.1", "connection_made"])
