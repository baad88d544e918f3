"""Twins of spec-tests/tests/server/server-object.test.ts (PEP 3156 § Servers, asyncio's Server)."""

import asyncio
import errno
import os
import socket
import tempfile

from _net import Recorder, listen, settle, until
from twinlib import TwinCase, error_name, requires_python, statement


def stale_socket_file(where: str) -> None:
    """Leaves a socket file at ``where`` with nobody listening (as a server that died would)."""
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(where)
    s.close()


class ServerObject(TwinCase):
    def setUp(self) -> None:
        super().setUp()
        self.tmp = tempfile.TemporaryDirectory(prefix="pep3156-unix-")
        self.dir = self.tmp.name

    def tearDown(self) -> None:
        super().tearDown()
        self.tmp.cleanup()

    @statement("server.close.idempotent")
    def test_close_idempotent(self) -> None:
        loop = self.loop

        async def main():
            server, _port, _ = await listen(loop)
            before = [server.is_serving(), len(server.sockets) > 0]
            server.close()
            server.close()
            await server.wait_closed()
            return [*before, server.is_serving(), len(server.sockets), server.get_loop() is loop]

        self.assertEqual(self.run_async(main()), [True, True, False, 0, True])

    @statement("server.wait-closed.before-and-after")
    def test_wait_closed_before_and_after(self) -> None:
        loop = self.loop

        async def main():
            server, _port, _ = await listen(loop)
            early = asyncio.ensure_future(server.wait_closed())
            await settle(loop)
            early_done_before_close = early.done()
            server.close()
            await early
            late = asyncio.ensure_future(server.wait_closed())
            await late
            return [early_done_before_close, early.done(), late.done()]

        self.assertEqual(self.run_async(main()), [False, True, True])

    @statement("server.serve-forever.once")
    def test_serve_forever_once(self) -> None:
        loop = self.loop

        async def main():
            server = await loop.create_server(Recorder, "127.0.0.1", 0)
            forever = asyncio.ensure_future(server.serve_forever())
            await asyncio.sleep(0)
            second = "ran"
            try:
                await server.serve_forever()
            except Exception as error:  # noqa: BLE001
                second = error_name(error)
            first_still_running = not forever.done()
            server.close()
            try:
                await forever
            except asyncio.CancelledError:
                pass  # cancelled by close()
            closed = "ran"
            try:
                await server.serve_forever()
            except Exception as error:  # noqa: BLE001
                closed = error_name(error)
            return [second, first_still_running, closed]

        self.assertEqual(self.run_async(main()), ["RuntimeError", True, "RuntimeError"])

    @statement("server.serving.idempotent")
    def test_serving_idempotent(self) -> None:
        loop = self.loop

        async def main():
            server = await loop.create_server(Recorder, "127.0.0.1", 0, start_serving=False)
            a = asyncio.ensure_future(server.start_serving())
            b = asyncio.ensure_future(server.start_serving())
            await a
            await b
            await server.start_serving()
            serving = server.is_serving()
            port = server.sockets[0].getsockname()[1]
            t, _ = await loop.create_connection(Recorder, "127.0.0.1", port)
            t.close()
            server.close()
            return [serving, len(server.sockets)]

        self.assertEqual(self.run_async(main()), [True, 0])

    @requires_python(3, 13, "Server.close_clients()/abort_clients() are new in 3.13")
    @statement("server.clients.only-accepted")
    def test_clients_only_accepted(self) -> None:
        loop = self.loop

        async def main():
            server, port, accepted = await listen(loop)
            a, b = Recorder(), Recorder()
            await loop.create_connection(lambda: a, "127.0.0.1", port)
            await loop.create_connection(lambda: b, "127.0.0.1", port)
            await until(loop, lambda: len(accepted) == 2)
            server.close_clients()
            await until(loop, lambda: "connection_lost" in a.events and "connection_lost" in b.events)
            serving = server.is_serving()
            c = Recorder()
            t, _ = await loop.create_connection(lambda: c, "127.0.0.1", port)
            await until(loop, lambda: len(accepted) == 3)
            server.abort_clients()
            await until(loop, lambda: "connection_lost" in c.events)
            still_serving = server.is_serving()
            t.close()
            server.close()
            await server.wait_closed()
            return [serving, still_serving]

        self.assertEqual(self.run_async(main()), [True, True])

    def unix_server_round(self, stale: str):
        """Serves on ``stale`` (a stale socket file), exchanges a word, closes; returns what it saw."""
        loop = self.loop
        accepted: list[Recorder] = []

        def factory() -> Recorder:
            p = Recorder()
            accepted.append(p)
            return p

        async def main():
            server = await loop.create_unix_server(factory, stale)
            t, _ = await loop.create_unix_connection(Recorder, stale)
            t.write(b"over unix")
            await until(loop, lambda: bool(accepted) and accepted[0].text() == "over unix")
            t.close()
            name = [server.sockets[0].getsockname(), int(server.sockets[0].family)]
            server.close()
            await server.wait_closed()
            return name, not os.path.exists(stale)

        return self.run_async(main())

    @statement("server.unix.socket-file")
    def test_unix_socket_file(self) -> None:
        loop = self.loop
        stale = os.path.join(self.dir, "stale.sock")
        stale_socket_file(stale)
        plain = os.path.join(self.dir, "plain.txt")
        with open(plain, "w") as fh:
            fh.write("not a socket")
        self.assertTrue(os.path.exists(stale), "the fixture left a socket file")
        name, _removed = self.unix_server_round(stale)

        async def refuse():
            try:
                other = await loop.create_unix_server(Recorder, plain)
                other.close()
                return ["listening"]
            except Exception as error:  # noqa: BLE001
                return [error_name(error), errno.errorcode.get(getattr(error, "errno", None))]

        refused = self.run_async(refuse())
        self.assertEqual([name, refused, os.path.exists(plain)], [[stale, 1], ["OSError", "EADDRINUSE"], True])

    @requires_python(3, 13, "create_unix_server's cleanup_socket (removing the file on close) is new in 3.13")
    @statement("server.unix.socket-file")
    def test_unix_socket_file_removed_on_close(self) -> None:
        stale = os.path.join(self.dir, "stale.sock")
        stale_socket_file(stale)
        _name, removed = self.unix_server_round(stale)
        self.assertTrue(removed, "close() removed the socket file")

    @statement("server.unix.close-keeps-replaced")
    def test_unix_close_keeps_replaced(self) -> None:
        loop = self.loop
        where = os.path.join(self.dir, "replaced.sock")

        async def main():
            server = await loop.create_unix_server(Recorder, where)
            os.unlink(where)
            with open(where, "w") as fh:
                fh.write("not ours")
            server.close()
            await server.wait_closed()
            if not os.path.exists(where):
                return "removed"
            with open(where) as fh:
                return fh.read()

        self.assertEqual(self.run_async(main()), "not ours", "the replacing file is still there")

    @statement("server.unix.connect-errors")
    def test_unix_connect_errors(self) -> None:
        loop = self.loop
        dead = os.path.join(self.dir, "dead.sock")
        stale_socket_file(dead)
        f = Recorder

        async def main():
            cases = {
                "path": lambda: loop.create_unix_connection(f, 42),
                "ssl": lambda: loop.create_unix_connection(f, dead, ssl=True),
                "missing": lambda: loop.create_unix_connection(f, os.path.join(self.dir, "missing.sock")),
                "dead": lambda: loop.create_unix_connection(f, dead),
            }
            out = {}
            for what, call in cases.items():
                try:
                    t, _p = await call()
                    t.close()
                    out[what] = "connected"
                except Exception as error:  # noqa: BLE001
                    out[what] = error_name(error)
            return out

        names = self.run_async(main())
        self.assertTrue(os.path.exists(dead), "the fixture left a socket file")
        self.assertEqual(
            names,
            {"path": "TypeError", "ssl": "ValueError", "missing": "FileNotFoundError", "dead": "ConnectionRefusedError"},
        )
