"""Twins of spec-tests/tests/server/server.test.ts (PEP 3156 § Servers)."""

import asyncio

from _net import Recorder, listen, settle, until
from twinlib import TwinCase, error_name, requires_python, statement


class Servers(TwinCase):
    @statement("server.sockets.address")
    def test_sockets_address(self) -> None:
        loop = self.loop

        async def main():
            server, _port, _ = await listen(loop)
            out = [len(server.sockets), server.sockets[0].getsockname(), server.is_serving(), server.get_loop() is loop]
            server.close()
            return out

        got = self.run_async(main())
        self.assertGreaterEqual(got[0], 1)
        self.assertEqual(got[1][0], "127.0.0.1")
        self.assertGreater(got[1][1], 0)
        self.assertEqual(got[2:], [True, True])

    @statement("server.close.keeps-connections")
    def test_close_keeps_connections(self) -> None:
        loop = self.loop

        async def main():
            server, port, accepted = await listen(loop)
            client = Recorder()
            t, _ = await loop.create_connection(lambda: client, "127.0.0.1", port)
            await until(loop, lambda: len(accepted) == 1)
            server.close()
            serving = server.is_serving()
            refused = "connected"
            try:
                await loop.create_connection(Recorder, "127.0.0.1", port)
            except Exception as error:  # noqa: BLE001
                refused = error_name(error)
            accepted[0].transport.write(b"still open")
            await until(loop, lambda: client.text() == "still open")
            t.close()
            return [serving, refused, client.text()]

        self.assertEqual(self.run_async(main()), [False, "ConnectionRefusedError", "still open"])

    @statement("server.wait-closed.connections")
    def test_wait_closed_connections(self) -> None:
        loop = self.loop

        async def main():
            server, port, accepted = await listen(loop)
            t, _ = await loop.create_connection(Recorder, "127.0.0.1", port)
            await until(loop, lambda: len(accepted) == 1)
            # waitClosed() is a future in TypeScript; here a task that has started waiting.
            waiting = asyncio.ensure_future(server.wait_closed())
            await asyncio.sleep(0)
            server.close()
            await settle(loop)
            done_while_connected = waiting.done()
            t.close()
            await waiting
            return [done_while_connected, waiting.done()]

        self.assertEqual(self.run_async(main()), [False, True])

    @statement("server.serving.start")
    def test_serving_start(self) -> None:
        loop = self.loop

        async def main():
            server = await loop.create_server(Recorder, "127.0.0.1", 0, start_serving=False)
            before = server.is_serving()
            await server.start_serving()
            after = server.is_serving()
            port = server.sockets[0].getsockname()[1]
            t, _ = await loop.create_connection(Recorder, "127.0.0.1", port)
            t.close()
            server.close()
            return [before, after]

        self.assertEqual(self.run_async(main()), [False, True])

    @requires_python(3, 13, "Server.close_clients() is new in 3.13")
    @statement("server.clients.close")
    def test_clients_close(self) -> None:
        loop = self.loop
        clients = [Recorder(), Recorder()]

        async def main():
            server, port, accepted = await listen(loop)
            for client in clients:
                await loop.create_connection(lambda client=client: client, "127.0.0.1", port)
            await until(loop, lambda: len(accepted) == 2)
            server.close()
            server.close_clients()
            await until(loop, lambda: all("connection_lost" in c.events for c in clients))
            await server.wait_closed()

        self.run_async(main())
        for client in clients:
            self.assertEqual(client.events[-1], "connection_lost")
