"""Twins of spec-tests/tests/sockets/io-callbacks.test.ts (PEP 3156 § I/O Callbacks), with
non-blocking socket objects."""

import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _socks import Sockets, iterations, recv_all, settle, until  # noqa: E402
from twinlib import TwinCase, error_name, statement  # noqa: E402


class IOCallbacks(TwinCase):
    def setUp(self) -> None:
        super().setUp()
        self.socks = Sockets()
        self.addCleanup(self.socks.close_all)
        self.listener, self.port = self.socks.listening()

    def pair(self):
        return self.socks.connected_pair(self.listener, self.port)

    @statement("sockets.reader.fires")
    def test_reader_fires(self) -> None:
        async def main():
            loop = asyncio.get_running_loop()
            client, conn = await self.pair()
            calls = []
            loop.add_reader(conn, lambda *args: calls.append(args), "a", 2)
            await settle()
            before = len(calls)
            await loop.sock_sendall(client, b"ping")
            await until(lambda: len(calls) > 0)
            args = calls[0]
            got = await recv_all(conn, 4)
            calls.clear()
            client.close()
            await until(lambda: len(calls) > 0)
            at_eof = await loop.sock_recv(conn, 10)
            removed = loop.remove_reader(conn)
            return {"before": before, "args": args, "got": got, "at_eof": len(at_eof), "removed": removed}

        out = self.run_async(main())
        self.assertEqual(out["before"], 0, "no call while nothing is readable")
        self.assertEqual(out["args"], ("a", 2))
        self.assertEqual(out["got"], b"ping")
        self.assertEqual(out["at_eof"], 0, "the EOF call: sock_recv gives an empty result")
        self.assertTrue(out["removed"])

    @statement("sockets.reader.level")
    def test_reader_level(self) -> None:
        async def main():
            loop = asyncio.get_running_loop()
            client, conn = await self.pair()
            calls = 0

            def count():
                nonlocal calls
                calls += 1

            loop.add_reader(conn, count)
            await loop.sock_sendall(client, b"xyz")
            await until(lambda: calls > 0)
            await iterations(5)
            while_unread = calls
            await recv_all(conn, 3)
            await iterations(2)
            after_read = calls
            await iterations(5)
            later = calls
            loop.remove_reader(conn)
            return while_unread, after_read, later

        while_unread, after_read, later = self.run_async(main())
        self.assertGreater(while_unread, 1, "called again while the bytes stay unread")
        self.assertEqual(later, after_read, "no more calls once nothing is left to read")

    @statement("sockets.reader.replace")
    def test_reader_replace(self) -> None:
        async def main():
            loop = asyncio.get_running_loop()
            client, conn = await self.pair()
            seen = []
            loop.add_reader(conn, seen.append, "first")
            loop.add_reader(conn, seen.append, "second")
            await loop.sock_sendall(client, b"x")
            await until(lambda: len(seen) >= 2)
            first = loop.remove_reader(conn)
            second = loop.remove_reader(conn)
            return sorted(set(seen)), first, second

        self.assertEqual(self.run_async(main()), (["second"], True, False))

    @statement("sockets.reader.remove")
    def test_reader_remove(self) -> None:
        async def main():
            loop = asyncio.get_running_loop()
            client, conn = await self.pair()
            never = loop.remove_reader(conn)
            calls = []
            loop.add_reader(conn, calls.append, 1)
            removed = loop.remove_reader(conn)
            again = loop.remove_reader(conn)
            await loop.sock_sendall(client, b"data")
            await settle()
            got = await recv_all(conn, 4)
            return never, removed, again, len(calls), got

        self.assertEqual(self.run_async(main()), (False, True, False, 0, b"data"))

    @statement("sockets.reader.accept")
    def test_reader_accept(self) -> None:
        async def main():
            loop = asyncio.get_running_loop()
            calls = []
            loop.add_reader(self.listener, calls.append, 1)
            await settle()
            before = len(calls)
            client = self.socks.new_tcp()
            await loop.sock_connect(client, ("127.0.0.1", self.port))
            await until(lambda: len(calls) > 0)
            removed = loop.remove_reader(self.listener)
            conn, _ = await loop.sock_accept(self.listener)
            self.socks.keep(conn)
            return before, removed

        self.assertEqual(self.run_async(main()), (0, True), "no call while no connection waits; then one reader removed")

    @statement("sockets.writer.fires")
    def test_writer_fires(self) -> None:
        async def main():
            loop = asyncio.get_running_loop()
            client, conn = await self.pair()
            seen = []
            loop.add_writer(client, seen.append, "first")
            await until(lambda: len(seen) >= 2)
            first_ran = len(seen)
            loop.add_writer(client, seen.append, "second")
            seen.clear()
            await until(lambda: len(seen) >= 2)
            after_replace = sorted(set(seen))
            removed = loop.remove_writer(client)
            again = loop.remove_writer(client)
            seen.clear()
            await iterations(3)
            await loop.sock_sendall(client, b"ok")
            got = await recv_all(conn, 2)
            return first_ran, after_replace, removed, again, len(seen), got

        first_ran, after_replace, removed, again, after, got = self.run_async(main())
        self.assertGreaterEqual(first_ran, 2, "a connected socket is writable, level-triggered")
        self.assertEqual(after_replace, ["second"])
        self.assertTrue(removed)
        self.assertFalse(again)
        self.assertEqual(after, 0, "a removed writer never runs")
        self.assertEqual(got, b"ok")

    @statement("sockets.callbacks.errors")
    def test_callbacks_errors(self) -> None:
        seen = self.capture_exceptions()
        boom = RuntimeError("reader failed")

        async def main():
            loop = asyncio.get_running_loop()
            client, conn = await self.pair()

            def reader():
                loop.remove_reader(conn)
                raise boom

            loop.add_reader(conn, reader)
            await loop.sock_sendall(client, b"x")
            await until(lambda: len(seen) > 0)
            return await loop.sock_recv(conn, 1)

        got = self.run_async(main())
        self.assertEqual(len(seen), 1)
        self.assertIs(seen[0].get("exception"), boom)
        self.assertEqual(got, b"x", "the loop still runs")

    @statement("sockets.callbacks.type")
    def test_callbacks_type(self) -> None:
        async def main():
            loop = asyncio.get_running_loop()
            _, conn = await self.pair()
            out = []
            for call in (lambda: loop.add_reader("not a socket", print), lambda: loop.add_writer({}, print)):
                try:
                    call()
                    out.append("added")
                except Exception as error:  # noqa: BLE001
                    out.append(error_name(error))
            out += [loop.remove_reader(conn), loop.remove_writer(conn)]
            return out

        self.assertEqual(self.run_async(main()), ["ValueError", "ValueError", False, False])
