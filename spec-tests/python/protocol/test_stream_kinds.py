"""Twins of spec-tests/tests/protocol/stream-kinds.test.ts (PEP 3156 § Stream Protocols).

One set of checks, run on every stream transport kind (TCP, Unix sockets, TLS), as the TypeScript
file does with protocol/kinds.ts; the kinds are in _net.py.
"""

import errno

from _net import (
    TCP,
    TLS,
    UNIX,
    Probe,
    StreamKind,
    is_pattern,
    pair,
    pattern,
    quiet_asyncio_log,
    remove_unix_paths,
    settle,
    until,
)
from twinlib import TwinCase, error_name, statement


def half_close(kind: StreamKind, t) -> None:
    """write_eof() where the kind can, close() otherwise (TLS)."""
    if kind.can_write_eof:
        t.write_eof()
    else:
        t.close()


class Checks(TwinCase):
    """The checks, each a function of the kind."""

    def tearDown(self) -> None:
        super().tearDown()
        remove_unix_paths()

    def made_first(self, kind: StreamKind) -> None:
        loop = self.loop
        client, server = Probe(), Probe()

        async def main():
            p = await pair(kind, loop, client, server)
            early = list(client.events)
            p.client_transport.write(b"hi")
            p.client_transport.close()
            await until(loop, lambda: client.is_lost() and server.is_lost())
            p.listener.stop()
            return early

        self.assertEqual(self.run_async(main()), ["connection_made"])
        for p in (client, server):
            self.assertEqual(p.events[0], "connection_made")
            self.assertEqual(p.count("connection_made"), 1)

    def data_non_empty(self, kind: StreamKind) -> None:
        loop = self.loop
        client, server = Probe(), Probe()
        total = 1024 * 1024 + 17

        async def main():
            p = await pair(kind, loop, client, server)
            data = memoryview(pattern(total))
            sizes = [1, 0, 7, 4096, 0, 65536, 3, 300_000]
            offset, i = 0, 0
            while offset < total:
                n = min(sizes[i % len(sizes)], total - offset)
                p.client_transport.write(data[offset : offset + n])
                offset += n
                i += 1
            p.client_transport.close()
            await until(loop, lambda: server.is_lost() and client.is_lost(), 5)
            p.listener.stop()

        self.run_async(main())
        self.assertTrue(all(n > 0 for n in server.sizes), "every data_received chunk is non-empty bytes")
        self.assertTrue(is_pattern(server.received, total), "every byte arrived, in order")

    def eof_once(self, kind: StreamKind) -> None:
        loop = self.loop
        client, server = Probe(), Probe()

        async def main():
            p = await pair(kind, loop, client, server)
            p.client_transport.write(b"x")
            half_close(kind, p.client_transport)
            await until(loop, lambda: server.is_lost() and client.is_lost())
            await settle(loop)
            p.listener.stop()

        self.run_async(main())
        self.assertEqual(server.count("eof_received"), 1)
        self.assertLessEqual(client.count("eof_received"), 1)
        for p in (client, server):
            if "eof_received" in p.events:
                self.assertLess(p.events.index("eof_received"), p.events.index("connection_lost"))

    def lost_once_last(self, kind: StreamKind) -> None:
        loop = self.loop
        client, server = Probe(), Probe()

        async def main():
            p = await pair(kind, loop, client, server)
            p.server_transport.write(b"late data")
            p.client_transport.close()
            await until(loop, lambda: server.is_lost() and client.is_lost())
            for t in (p.client_transport, p.server_transport):
                for poke in (lambda: t.write(b"after the end"), t.close, t.abort, t.pause_reading, t.resume_reading):
                    # The statement is about the protocol: what a call on a finished transport does
                    # to its caller is not part of it (CPython's TLS transport raises
                    # AttributeError from pause_reading() after a second close()).
                    try:
                        poke()
                    except Exception:  # noqa: BLE001
                        pass
            await settle(loop)
            p.listener.stop()

        self.run_async(main())
        for p in (client, server):
            self.assertEqual(p.count("connection_lost"), 1)
            self.assertEqual(p.after_lost(), [])

    def lost_null_on_close(self, kind: StreamKind) -> None:
        loop = self.loop
        client, server = Probe(), Probe()

        async def main():
            p = await pair(kind, loop, client, server)
            p.client_transport.write(b"bye")
            p.client_transport.close()
            await until(loop, lambda: server.is_lost() and client.is_lost())
            p.listener.stop()

        self.run_async(main())
        self.assertIsNone(client.lost_with, "the closing end")
        self.assertIsNone(server.lost_with, "the peer, after a clean EOF")

    def lost_null_on_abort(self, kind: StreamKind) -> None:
        loop = self.loop
        client, server = Probe(), Probe()

        async def main():
            p = await pair(kind, loop, client, server)
            p.client_transport.write(b"dropped or not")
            p.client_transport.abort()
            await until(loop, lambda: server.is_lost() and client.is_lost())
            p.listener.stop()

        self.run_async(main())
        self.assertIsNone(client.lost_with, "the aborting end")
        self.assertEqual(server.count("connection_lost"), 1)

    def lost_reset_error(self, kind: StreamKind) -> None:
        loop = self.loop
        client, server = Probe(), Probe()

        async def main():
            p = await pair(kind, loop, client, server)
            p.server_transport.pause_reading()
            # More than the peer reads ahead while paused (the TypeScript test writes 128 KiB, but
            # CPython's TLS layer reads up to 256 KiB ahead and would then end with a clean EOF).
            p.client_transport.write(pattern(1024 * 1024 if kind.name == "tls" else 128 * 1024))
            await until(loop, lambda: p.client_transport.get_write_buffer_size() == 0)
            await settle(loop)
            p.server_transport.abort()
            await until(loop, lambda: server.is_lost() and client.is_lost())
            p.listener.stop()

        self.run_async(main())
        self.assertEqual(error_name(client.lost_with), "ConnectionResetError")
        self.assertEqual(getattr(client.lost_with, "errno", None), errno.ECONNRESET)
        self.assertIsNone(server.lost_with, "the aborting end")

    def eof_falsy_closes(self, kind: StreamKind) -> None:
        loop = self.loop
        client, server = Probe(), Probe()

        async def main():
            p = await pair(kind, loop, client, server)
            closing = [None]

            def eof_received():
                server.events.append("eof_received")
                loop.call_soon(lambda: closing.__setitem__(0, p.server_transport.is_closing()))
                return False

            server.eof_received = eof_received
            half_close(kind, p.client_transport)
            await until(loop, lambda: server.is_lost() and client.is_lost())
            p.listener.stop()
            return closing[0]

        closing_after_eof = self.run_async(main())
        self.assertEqual(server.shape()[-2:], ["eof_received", "connection_lost"])
        self.assertIsNone(server.lost_with)
        self.assertTrue(closing_after_eof, "the transport closed itself after eof_received returned")
        if kind.can_write_eof:
            self.assertIn("eof_received", client.events, "the half-closed client saw the end")

    def eof_true_half_open(self, kind: StreamKind) -> None:
        loop = self.loop
        client, server = Probe(), Probe()
        server.keep_open_on_eof = True

        async def main():
            p = await pair(kind, loop, client, server)
            p.client_transport.write_eof()
            await until(loop, lambda: "eof_received" in server.events)
            await settle(loop)
            still_open = not p.server_transport.is_closing() and not server.is_lost()
            p.server_transport.write(b"still here")
            await until(loop, lambda: client.text() == "still here")
            p.server_transport.close()
            await until(loop, lambda: server.is_lost() and client.is_lost())
            p.listener.stop()
            return {"open": still_open, "text": client.text()}

        self.assertEqual(self.run_async(main()), {"open": True, "text": "still here"})
        self.assertIsNone(server.lost_with)

    def eof_true_ignored(self, kind: StreamKind) -> None:
        loop = self.loop
        client, server = Probe(), Probe()
        server.keep_open_on_eof = True

        async def main():
            p = await pair(kind, loop, client, server)
            p.client_transport.close()
            await until(loop, lambda: server.is_lost() and client.is_lost())
            p.listener.stop()

        with quiet_asyncio_log():  # "returning true from eof_received() has no effect when using ssl"
            self.run_async(main())
        self.assertEqual(server.shape()[-2:], ["eof_received", "connection_lost"])
        self.assertIsNone(server.lost_with)

    def flow_pairs(self, kind: StreamKind) -> None:
        loop = self.loop
        client, server = Probe(), Probe()

        async def main():
            p = await pair(kind, loop, client, server)
            t = p.client_transport
            t.set_write_buffer_limits(16 * 1024)
            chunk = bytes(64 * 1024)
            for rnd in range(2):
                p.server_transport.pause_reading()
                i = 0
                while i < 256 and client.count("pause_writing") == rnd:
                    t.write(chunk)
                    i += 1
                self.assertEqual(client.count("pause_writing"), rnd + 1, f"round {rnd}: paused")
                p.server_transport.resume_reading()
                await until(loop, lambda: client.count("resume_writing") == rnd + 1, 5)
            p.server_transport.pause_reading()
            i = 0
            while i < 256 and client.count("pause_writing") == 2:
                t.write(chunk)
                i += 1
            t.abort()
            await until(loop, client.is_lost)
            p.server_transport.abort()
            await until(loop, server.is_lost)
            p.listener.stop()

        self.run_async(main())
        flow = [e for e in client.events if e.endswith("_writing")]
        self.assertEqual(
            flow, ["pause_writing", "resume_writing", "pause_writing", "resume_writing", "pause_writing"]
        )
        self.assertEqual(client.events[0], "connection_made")
        self.assertEqual(client.events[-1], "connection_lost", "nothing after connection_lost")

    def callback_error(self, kind: StreamKind) -> None:
        loop = self.loop
        contexts = self.capture_exceptions()
        boom = ValueError("bad data")  # RangeError in the TypeScript test
        server = Probe()

        def data_received(_data):
            raise boom

        server.data_received = data_received

        async def main():
            p = await pair(kind, loop, Probe(), server)
            other = Probe()
            other_transport = await p.listener.connect(other)
            await until(loop, lambda: len(p.listener.accepted) == 2)
            other_server = p.listener.accepted[1]
            p.client_transport.write(b"x")
            await until(loop, server.is_lost)
            other_transport.write(b"fine")
            await until(loop, lambda: other_server.text() == "fine")
            other_alive = not other_server.is_lost() and not other.is_lost()
            p.client_transport.close()
            other_transport.close()
            await until(loop, other_server.is_lost)
            p.listener.stop()
            return other_alive, p.server_transport

        other_alive, server_transport = self.run_async(main())
        self.assertEqual(len(contexts), 1, "one call of the exception handler")
        self.assertIs(contexts[0].get("exception"), boom)
        if kind.name == "tls":
            # CPython names its TLS layer (the SSLProtocol and the socket transport under it).
            self.assertIsNotNone(contexts[0].get("protocol"))
            self.assertIsNotNone(contexts[0].get("transport"))
        else:
            self.assertIs(contexts[0].get("protocol"), server)
            self.assertIs(contexts[0].get("transport"), server_transport)
        self.assertIs(server.lost_with, boom, "connection_lost gets the error")
        self.assertTrue(other_alive, "the other connection did not notice")


class StreamKindsTcp(Checks):
    @statement("protocol.tcp.made-first")
    def test_made_first(self) -> None:
        self.made_first(TCP)

    @statement("protocol.tcp.data-non-empty")
    def test_data_non_empty(self) -> None:
        self.data_non_empty(TCP)

    @statement("protocol.tcp.eof-once")
    def test_eof_once(self) -> None:
        self.eof_once(TCP)

    @statement("protocol.tcp.lost-once-last")
    def test_lost_once_last(self) -> None:
        self.lost_once_last(TCP)

    @statement("protocol.tcp.lost-null-close")
    def test_lost_null_close(self) -> None:
        self.lost_null_on_close(TCP)

    @statement("protocol.tcp.lost-null-abort")
    def test_lost_null_abort(self) -> None:
        self.lost_null_on_abort(TCP)

    @statement("protocol.tcp.lost-reset")
    def test_lost_reset(self) -> None:
        self.lost_reset_error(TCP)

    @statement("protocol.tcp.eof-falsy-closes")
    def test_eof_falsy_closes(self) -> None:
        self.eof_falsy_closes(TCP)

    @statement("protocol.tcp.eof-true-half-open")
    def test_eof_true_half_open(self) -> None:
        self.eof_true_half_open(TCP)

    @statement("protocol.tcp.flow-pairs")
    def test_flow_pairs(self) -> None:
        self.flow_pairs(TCP)

    @statement("protocol.tcp.callback-error")
    def test_callback_error(self) -> None:
        self.callback_error(TCP)


class StreamKindsUnix(Checks):
    @statement("protocol.unix.made-first")
    def test_made_first(self) -> None:
        self.made_first(UNIX)

    @statement("protocol.unix.data-non-empty")
    def test_data_non_empty(self) -> None:
        self.data_non_empty(UNIX)

    @statement("protocol.unix.eof-once")
    def test_eof_once(self) -> None:
        self.eof_once(UNIX)

    @statement("protocol.unix.lost-once-last")
    def test_lost_once_last(self) -> None:
        self.lost_once_last(UNIX)

    @statement("protocol.unix.lost-null-close")
    def test_lost_null_close(self) -> None:
        self.lost_null_on_close(UNIX)

    @statement("protocol.unix.lost-null-abort")
    def test_lost_null_abort(self) -> None:
        self.lost_null_on_abort(UNIX)

    @statement("protocol.unix.lost-reset")
    def test_lost_reset(self) -> None:
        self.lost_reset_error(UNIX)

    @statement("protocol.unix.eof-falsy-closes")
    def test_eof_falsy_closes(self) -> None:
        self.eof_falsy_closes(UNIX)

    @statement("protocol.unix.eof-true-half-open")
    def test_eof_true_half_open(self) -> None:
        self.eof_true_half_open(UNIX)

    @statement("protocol.unix.flow-pairs")
    def test_flow_pairs(self) -> None:
        self.flow_pairs(UNIX)

    @statement("protocol.unix.callback-error")
    def test_callback_error(self) -> None:
        self.callback_error(UNIX)


class StreamKindsTls(Checks):
    @statement("protocol.tls.made-first")
    def test_made_first(self) -> None:
        self.made_first(TLS)

    @statement("protocol.tls.data-non-empty")
    def test_data_non_empty(self) -> None:
        self.data_non_empty(TLS)

    @statement("protocol.tls.eof-once")
    def test_eof_once(self) -> None:
        self.eof_once(TLS)

    @statement("protocol.tls.lost-once-last")
    def test_lost_once_last(self) -> None:
        self.lost_once_last(TLS)

    @statement("protocol.tls.lost-null-close")
    def test_lost_null_close(self) -> None:
        self.lost_null_on_close(TLS)

    @statement("protocol.tls.lost-null-abort")
    def test_lost_null_abort(self) -> None:
        self.lost_null_on_abort(TLS)

    @statement("protocol.tls.lost-reset")
    def test_lost_reset(self) -> None:
        self.lost_reset_error(TLS)

    @statement("protocol.tls.eof-falsy-closes")
    def test_eof_falsy_closes(self) -> None:
        self.eof_falsy_closes(TLS)

    @statement("protocol.tls.eof-true-ignored")
    def test_eof_true_ignored(self) -> None:
        self.eof_true_ignored(TLS)

    @statement("protocol.tls.flow-pairs")
    def test_flow_pairs(self) -> None:
        self.flow_pairs(TLS)

    @statement("protocol.tls.callback-error")
    def test_callback_error(self) -> None:
        self.callback_error(TLS)


class ExtraInfo(TwinCase):
    @statement("protocol.tls.extra-info")
    def test_tls_extra_info(self) -> None:
        loop = self.loop

        async def main():
            p = await pair(TLS, loop, Probe(), Probe())
            t = p.client_transport
            cert = t.get_extra_info("peercert") or {}
            subject = dict(x[0] for x in cert.get("subject", ()))
            cipher = t.get_extra_info("cipher")
            sock = t.get_extra_info("socket")
            out = {
                "cn": subject.get("commonName"),
                "cipher": type(cipher[0]).__name__ if cipher else None,
                "sslcontext": t.get_extra_info("sslcontext") is not None,
                "ssl_object": t.get_extra_info("ssl_object") is not None,
                "socket": callable(getattr(sock, "getpeername", None)),
                "peername": t.get_extra_info("peername")[0],
                "can_write_eof": t.can_write_eof(),
            }
            t.close()
            await until(loop, p.client.is_lost)
            p.listener.stop()
            return out

        self.assertEqual(
            self.run_async(main()),
            {
                "cn": "localhost",
                "cipher": "str",
                "sslcontext": True,
                "ssl_object": True,
                "socket": True,
                "peername": "127.0.0.1",
                "can_write_eof": False,
            },
        )

    @statement("protocol.tcp.extra-info-no-tls")
    def test_tcp_extra_info_no_tls(self) -> None:
        loop = self.loop

        async def main():
            p = await pair(TCP, loop, Probe(), Probe())
            t = p.client_transport
            out = [t.get_extra_info(n, "none") for n in ("peercert", "cipher", "sslcontext", "ssl_object")]
            t.close()
            await until(loop, p.client.is_lost)
            p.listener.stop()
            return out

        self.assertEqual(self.run_async(main()), ["none", "none", "none", "none"])


class TlsWriteEof(TwinCase):
    @statement("transport.write-eof.tls-unsupported")
    def test_tls_write_eof_unsupported(self) -> None:
        loop = self.loop
        server = Probe()

        async def main():
            p = await pair(TLS, loop, Probe(), server)
            try:
                p.client_transport.write_eof()
                name = "returned"
            except Exception as error:  # noqa: BLE001
                name = error_name(error)
            p.client_transport.write(b"still works")
            await until(loop, lambda: server.text() == "still works")
            p.client_transport.close()
            await until(loop, server.is_lost)
            p.listener.stop()
            return name

        self.assertEqual(self.run_async(main()), "NotImplementedError")
