"""Twins of spec-tests/tests/sockets/wrapped.test.ts (PEP 3156 § Wrapped Socket Methods), with
non-blocking socket objects."""

import asyncio
import socket
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _socks import Sockets, failure_of, recv_all, settle, until  # noqa: E402
from twinlib import TwinCase, error_name, statement  # noqa: E402


class Recorder(asyncio.Protocol):
    def __init__(self) -> None:
        self.events: list[str] = []
        self.received: list[bytes] = []

    def connection_made(self, transport) -> None:
        self.events.append("connection_made")

    def data_received(self, data: bytes) -> None:
        self.events.append("data_received")
        self.received.append(data)

    def eof_received(self):
        self.events.append("eof_received")

    def connection_lost(self, exc) -> None:
        self.events.append("connection_lost")

    def data(self) -> bytes:
        return b"".join(self.received)

    def shape(self) -> list[str]:
        return [e for i, e in enumerate(self.events) if not (e == "data_received" and i and self.events[i - 1] == e)]


class Wrapped(TwinCase):
    def setUp(self) -> None:
        super().setUp()
        self.socks = Sockets()
        self.addCleanup(self.socks.close_all)
        self.listener, self.port = self.socks.listening()

    def pair(self):
        return self.socks.connected_pair(self.listener, self.port)

    @statement("sockets.recv.partial")
    def test_recv_partial(self) -> None:
        async def main():
            loop = asyncio.get_running_loop()
            client, conn = await self.pair()
            waiting = asyncio.ensure_future(loop.sock_recv(conn, 4))
            await settle(0.01)
            done_before_send = waiting.done()
            await loop.sock_sendall(client, b"0123456789")
            first = await waiting
            rest = await recv_all(conn, 10 - len(first), 100)
            return done_before_send, first, rest

        done_before_send, first, rest = self.run_async(main())
        self.assertFalse(done_before_send, "sock_recv waits while nothing was received")
        self.assertGreater(len(first), 0)
        self.assertLessEqual(len(first), 4, "at most n bytes")
        self.assertEqual(first + rest, b"0123456789", "no byte lost or repeated")

    @statement("sockets.recv.eof")
    def test_recv_eof(self) -> None:
        async def main():
            loop = asyncio.get_running_loop()
            client, conn = await self.pair()
            await loop.sock_sendall(client, b"bye")
            client.close()
            data = await recv_all(conn, 100)
            again = await loop.sock_recv(conn, 10)
            return data, again

        data, again = self.run_async(main())
        self.assertEqual(data, b"bye")
        self.assertIsInstance(again, bytes)
        self.assertEqual(len(again), 0, "EOF is an empty result")

    @statement("sockets.recv-into.count")
    def test_recv_into_count(self) -> None:
        async def main():
            loop = asyncio.get_running_loop()
            client, conn = await self.pair()
            await loop.sock_sendall(client, b"abcdef")
            buf = bytearray(b"....")
            n = await loop.sock_recv_into(conn, buf)
            got, tail = bytes(buf[:n]), bytes(buf[n:])
            rest = await recv_all(conn, 6 - n)
            client.close()
            at_eof = await loop.sock_recv_into(conn, bytearray(8))
            return n, got, tail, rest, at_eof

        n, got, tail, rest, at_eof = self.run_async(main())
        self.assertGreater(n, 0)
        self.assertLessEqual(n, 4)
        self.assertEqual(tail, b"." * (4 - n), "bytes past the count are untouched")
        self.assertEqual(got + rest, b"abcdef")
        self.assertEqual(at_eof, 0)

    @statement("sockets.recv.cancel-keeps-data")
    def test_recv_cancel_keeps_data(self) -> None:
        async def main():
            loop = asyncio.get_running_loop()
            client, conn = await self.pair()
            cancelled = asyncio.ensure_future(loop.sock_recv(conn, 100))
            await settle(0.01)
            cancelled.cancel()
            # A task's cancel() completes in its next step (a Future's at once, as in TypeScript).
            await asyncio.wait([cancelled])
            await loop.sock_sendall(client, b"all of it")
            got = await recv_all(conn, 9)
            return cancelled.cancelled(), got

        self.assertEqual(self.run_async(main()), (True, b"all of it"))

    @statement("sockets.sendall.whole")
    def test_sendall_whole(self) -> None:
        size = 4 * 1024 * 1024
        # (i * 7 + (i >> 12)) & 0xFF, as the TypeScript test, built a 4 KiB block at a time.
        block = bytes((i * 7) & 0xFF for i in range(4096))
        data = b"".join(block.translate(bytes((k + j) & 0xFF for k in range(256))) for j in range(size // 4096))
        assert data[5000] == (5000 * 7 + (5000 >> 12)) & 0xFF

        async def main():
            loop = asyncio.get_running_loop()
            client, conn = await self.pair()
            receiving = asyncio.ensure_future(recv_all(conn, size))
            result = await loop.sock_sendall(client, data)
            got = await receiving
            return result, got

        result, got = self.run_async(main())
        self.assertIsNone(result)
        self.assertEqual(len(got), size)
        self.assertTrue(got == data, "arrives whole and in order")

    @statement("sockets.connect.refused")
    def test_connect_refused(self) -> None:
        closed = socket.socket()
        closed.bind(("127.0.0.1", 0))
        closed.listen()
        port = closed.getsockname()[1]
        closed.close()

        async def main():
            loop = asyncio.get_running_loop()
            sock = self.socks.new_tcp()
            return await failure_of(lambda: loop.sock_connect(sock, ("127.0.0.1", port)))

        self.assertEqual(error_name(self.run_async(main())), "ConnectionRefusedError")

    @statement("sockets.accept.several")
    def test_accept_several(self) -> None:
        async def main():
            loop = asyncio.get_running_loop()
            clients = [self.socks.new_tcp() for _ in range(3)]
            first = asyncio.ensure_future(loop.sock_accept(self.listener))
            for i, c in enumerate(clients):
                await loop.sock_connect(c, ("127.0.0.1", self.port))
                await loop.sock_sendall(c, str(i).encode())
            accepted = [await first]
            for _ in range(2):
                accepted.append(await loop.sock_accept(self.listener))
            for conn, _ in accepted:
                self.socks.keep(conn)
            said = [(await loop.sock_recv(conn, 10)).decode() for conn, _ in accepted]
            return said, [a for _, a in accepted]

        said, addresses = self.run_async(main())
        self.assertEqual(sorted(said), ["0", "1", "2"], "every client accepted once")
        for host, port in addresses:
            self.assertEqual(host, "127.0.0.1")
            self.assertTrue(isinstance(port, int) and port > 0 and port != self.port)
        self.assertEqual(len({a[1] for a in addresses}), 3, "three distinct peers")

    @statement("sockets.connect.then-transport")
    def test_connect_then_transport(self) -> None:
        recorder = Recorder()

        async def main():
            loop = asyncio.get_running_loop()
            client, conn = await self.pair()
            heading = asyncio.ensure_future(loop.sock_recv(client, 2))
            await settle(0.01)
            await loop.sock_sendall(conn, b"hello")
            head = await heading
            transport, _ = await loop.create_connection(lambda: recorder, sock=client)
            await until(lambda: len(recorder.data()) >= 5 - len(head))
            transport.write(b"back")
            back = await recv_all(conn, 4)
            transport.close()
            await until(lambda: "connection_lost" in recorder.events)
            return head, back

        head, back = self.run_async(main())
        self.assertEqual(head + recorder.data(), b"hello", "every byte once, in order")
        self.assertEqual(back, b"back")
        self.assertEqual(recorder.shape(), ["connection_made", "data_received", "connection_lost"])

    @statement("sockets.transport.exclusive")
    def test_transport_exclusive(self) -> None:
        recorder = Recorder()

        async def main():
            loop = asyncio.get_running_loop()
            client, conn = await self.pair()
            transport, _ = await loop.create_connection(lambda: recorder, sock=client)
            # asyncio refuses when it would have to watch the socket: sock_recv with nothing to
            # read; sock_sendall only once the send buffer is full (not checked here).
            names = [error_name(await failure_of(lambda: loop.sock_recv(client, 1)))]
            for call in (lambda: loop.add_reader(client, print), lambda: loop.add_writer(client, print)):
                try:
                    call()
                    names.append("added")
                except Exception as error:  # noqa: BLE001
                    names.append(error_name(error))
            await loop.sock_sendall(conn, b"intact")
            await until(lambda: len(recorder.data()) >= 6)
            transport.close()
            await until(lambda: "connection_lost" in recorder.events)
            return names

        self.assertEqual(self.run_async(main()), ["RuntimeError"] * 3)
        self.assertEqual(recorder.data(), b"intact")

    @statement("sockets.arguments.type")
    def test_arguments_type(self) -> None:
        async def main():
            loop = asyncio.get_running_loop()
            _, conn = await self.pair()
            # Python spells "not a socket object" AttributeError (no recv/send/family/fileno);
            # JavaScript TypeError. Bad sizes, buffers and data are TypeErrors in both.
            calls = [
                lambda: loop.sock_recv("not a socket", 10),
                lambda: loop.sock_recv({}, 10),
                lambda: loop.sock_recv(conn, "ten"),
                lambda: loop.sock_recv_into(conn, "buffer"),
                lambda: loop.sock_sendall(conn, "text"),
                lambda: loop.sock_sendall(None, b"x"),
                lambda: loop.sock_connect({}, ("127.0.0.1", self.port)),
                lambda: loop.sock_accept("not a socket"),
            ]
            return [error_name(await failure_of(call)) for call in calls]

        self.assertEqual(
            self.run_async(main()),
            ["AttributeError", "AttributeError", "TypeError", "TypeError", "TypeError", "AttributeError",
             "AttributeError", "AttributeError"],
        )

    @statement("sockets.ready.no-iteration")
    def test_ready_no_iteration(self) -> None:
        async def main():
            loop = asyncio.get_running_loop()
            client, conn = await self.pair()
            it = 0
            ticking = True

            def tick():
                nonlocal it
                it += 1
                if ticking:
                    loop.call_soon(tick)

            loop.call_soon(tick)
            await loop.sock_sendall(client, b"abcdef")
            await settle(0.02)
            at = it
            got = await loop.sock_recv(conn, 3)
            recv = it - at
            at = it
            n = await loop.sock_recv_into(conn, bytearray(3))
            recv_into = it - at
            at = it
            await loop.sock_sendall(client, b"xyz")
            sendall = it - at
            echoed = await recv_all(conn, 3)
            ticking = False
            return {"recv": recv, "recv_into": recv_into, "sendall": sendall, "got": got + str(n).encode(), "echoed": echoed}

        self.assertEqual(
            self.run_async(main()), {"recv": 0, "recv_into": 0, "sendall": 0, "got": b"abc3", "echoed": b"xyz"}
        )
