"""Twins of spec-tests/tests/tls/options.test.ts (PEP 3156 § Internet connections (ssl, server_hostname),
asyncio's ssl_handshake_timeout and start_tls).

server_hostname "sets or overrides the hostname that the target server's certificate will be matched
against. ... If ssl is given and server_hostname is not, host is used." Loopback only.
"""

import asyncio
import socket
import ssl
import unittest

from _net import EchoRecorder, Recorder, listen, until
from streams._support import make_cert
from twinlib import TwinCase, error_name, statement


def named_contexts() -> tuple[ssl.SSLContext, ssl.SSLContext]:
    """(server, client) contexts of a certificate for the name ``localhost`` only: no IP address in it."""
    made = make_cert("DNS:localhost")
    if made is None:
        raise unittest.SkipTest("openssl is needed to make the localhost-only certificate")
    cert, key = made
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(cert, key)
    client = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    client.load_verify_locations(cert)
    return server, client


class Options(TwinCase):
    @statement("tls.server-hostname.verify")
    def test_server_hostname(self) -> None:
        loop = self.loop
        server_ctx, client_ctx = named_contexts()

        async def main():
            server = await loop.create_server(EchoRecorder, "127.0.0.1", 0, ssl=server_ctx)
            port = server.sockets[0].getsockname()[1]

            async def attempt(**hostname):
                try:
                    client = Recorder()
                    t, _ = await loop.create_connection(lambda: client, "127.0.0.1", port, ssl=client_ctx, **hostname)
                    t.write(b"hi")
                    await until(loop, lambda: client.text() == "hi")
                    t.close()
                    await until(loop, lambda: "connection_lost" in client.events)
                    return "verified"
                except Exception:
                    return "rejected"

            out = [
                await attempt(server_hostname="localhost"),
                await attempt(),
                await attempt(server_hostname="other.invalid"),
            ]
            server.close()
            return out

        self.assertEqual(
            self.run_async(main(), timeout=5),
            ["verified", "rejected", "rejected"],
            "localhost matches; 127.0.0.1 and other.invalid are not in the certificate",
        )

    @statement("tls.sock.wrapped")
    def test_sock_wrapped(self) -> None:
        loop = self.loop
        server_ctx, client_ctx = named_contexts()

        async def main():
            client = Recorder()
            server = await loop.create_server(EchoRecorder, "127.0.0.1", 0, ssl=server_ctx)
            port = server.sockets[0].getsockname()[1]
            raw = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            raw.setblocking(False)
            await loop.sock_connect(raw, ("127.0.0.1", port))
            unnamed = "connected"
            try:
                await loop.create_connection(Recorder, sock=raw, ssl=client_ctx)
            except Exception as error:
                unnamed = error_name(error)
            t, _ = await loop.create_connection(lambda: client, sock=raw, ssl=client_ctx, server_hostname="localhost")
            t.write(b"over sock")
            await until(loop, lambda: client.text() == "over sock")
            cipher = bool(t.get_extra_info("cipher"))
            t.close()
            await until(loop, lambda: "connection_lost" in client.events)
            server.close()
            return [unnamed, client.text(), cipher, t.can_write_eof()]

        self.assertEqual(self.run_async(main(), timeout=5), ["ValueError", "over sock", True, False])

    @statement("tls.handshake-timeout.client")
    def test_handshake_timeout_client(self) -> None:
        loop = self.loop

        async def main():
            # A plain TCP server that never answers the ClientHello.
            server, port, accepted = await listen(loop)
            start = loop.time()
            name = "connected"
            try:
                await loop.create_connection(
                    Recorder, "127.0.0.1", port, ssl=True, server_hostname="localhost", ssl_handshake_timeout=0.2
                )
            except Exception as error:
                name = error_name(error)
            elapsed = loop.time() - start
            await until(loop, lambda: bool(accepted) and "connection_lost" in accepted[0].events)
            server.close()
            return name, elapsed

        name, elapsed = self.run_async(main(), timeout=5)
        self.assertEqual(name, "ConnectionAbortedError")
        self.assertGreaterEqual(elapsed, 0.15, "not before the timeout")
        self.assertLess(elapsed, 3, "soon after the timeout, not after the 60 s default")

    @statement("tls.handshake-timeout.server")
    def test_handshake_timeout_server(self) -> None:
        loop = self.loop
        server_ctx, _ = named_contexts()
        seen = self.capture_exceptions()

        async def main():
            made = []

            def factory():
                p = Recorder()
                made.append(p)
                return p

            server = await loop.create_server(factory, "127.0.0.1", 0, ssl=server_ctx, ssl_handshake_timeout=0.2)
            port = server.sockets[0].getsockname()[1]
            # A plain client that never starts the handshake.
            client = Recorder()
            start = loop.time()
            await loop.create_connection(lambda: client, "127.0.0.1", port)
            await until(loop, lambda: "connection_lost" in client.events, 4)
            elapsed = loop.time() - start
            server.close()
            return elapsed, [p.events for p in made]

        elapsed, made = self.run_async(main(), timeout=6)
        self.assertGreaterEqual(elapsed, 0.15, "not before the timeout")
        self.assertLess(elapsed, 3, "soon after the timeout, not after the 60 s default")
        # asyncio makes the protocol on accept (the reference after the handshake): it is never called.
        self.assertEqual([e for events in made for e in events], [], "no protocol call before the handshake")
        self.assertEqual(seen, [], "not reported to the exception handler")

    @statement("tls.connect.cancel")
    def test_connect_cancel(self) -> None:
        loop = self.loop

        made = []

        def factory():
            made.append(Recorder())
            return made[-1]

        async def main():
            server, port, accepted = await listen(loop)
            pending = loop.create_task(
                loop.create_connection(factory, "127.0.0.1", port, ssl=True, server_hostname="localhost")
            )
            await until(loop, lambda: len(accepted) == 1)
            pending.cancel()
            await until(loop, lambda: "connection_lost" in accepted[0].events)
            server.close()
            return pending.cancelled(), [p.events for p in made]

        cancelled, calls = self.run_async(main(), timeout=5)
        self.assertTrue(cancelled)
        self.assertTrue(all(events == [] for events in calls), "no protocol call for a cancelled connection")

    @statement("tls.start-tls.arguments")
    def test_start_tls_arguments(self) -> None:
        loop = self.loop
        server_ctx, client_ctx = named_contexts()

        async def main():
            server, port, accepted = await listen(loop)
            t, protocol = await loop.create_connection(Recorder, "127.0.0.1", port)
            names = []
            for ctx, opts in ((False, {}), (None, {}), (True, {"server_side": True}),
                              (client_ctx, {"ssl_handshake_timeout": 0})):
                try:
                    await loop.start_tls(t, protocol, ctx, **opts)
                    names.append("upgraded")
                except Exception as error:
                    names.append(error_name(error))
            still_open = not t.is_closing()
            t.close()
            server.close()
            return [names, still_open]

        self.assertEqual(
            self.run_async(main(), timeout=5), [["TypeError", "TypeError", "TypeError", "ValueError"], True]
        )

    @statement("tls.start-tls.failure")
    def test_start_tls_failure(self) -> None:
        loop = self.loop
        _, client_ctx = named_contexts()

        async def main():
            server, port, accepted = await listen(loop)
            client = Recorder()
            t, _ = await loop.create_connection(lambda: client, "127.0.0.1", port)
            await until(loop, lambda: len(accepted) == 1)
            peer = accepted[0]
            upgrading = loop.create_task(loop.start_tls(t, client, client_ctx, server_hostname="localhost"))
            # The peer answers the ClientHello with bytes that are not TLS.
            await until(loop, lambda: len(peer.received) > 0)
            peer.transport.write(b"HTTP/1.0 400 Bad Request\r\n\r\n")
            name = "upgraded"
            try:
                await upgrading
            except Exception as error:
                name = error_name(error)
            await until(loop, lambda: "connection_lost" in peer.events)
            server.close()
            # asyncio then calls connection_lost(SSLError): not said here (tls.start-tls.failure-silent).
            return [name if name == "upgraded" else "rejected", t.is_closing()]

        self.assertEqual(self.run_async(main(), timeout=5), ["rejected", True])

    @statement("tls.start-tls.timeout")
    def test_start_tls_timeout(self) -> None:
        loop = self.loop

        async def main():
            server, port, accepted = await listen(loop)
            t, protocol = await loop.create_connection(Recorder, "127.0.0.1", port)
            name = "upgraded"
            try:
                await loop.start_tls(
                    t, protocol, ssl.create_default_context(), server_hostname="localhost", ssl_handshake_timeout=0.2
                )
            except Exception as error:
                name = error_name(error)
            await until(loop, lambda: bool(accepted) and "connection_lost" in accepted[0].events)
            server.close()
            return name

        self.assertEqual(self.run_async(main(), timeout=5), "ConnectionAbortedError")

    @statement("tls.start-tls.old-transport")
    def test_start_tls_old_transport(self) -> None:
        loop = self.loop
        server_ctx, client_ctx = named_contexts()

        async def main():
            server, port, accepted = await listen(loop)
            client = Recorder()
            t, _ = await loop.create_connection(lambda: client, "127.0.0.1", port)
            await until(loop, lambda: len(accepted) == 1)
            peer = accepted[0]
            server_side = loop.create_task(loop.start_tls(peer.transport, peer, server_ctx, server_side=True))
            upgraded = await loop.start_tls(t, client, client_ctx, server_hostname="localhost")
            peer_upgraded = await server_side
            upgraded.write(b"secret")
            await until(loop, lambda: peer.text() == "secret")
            peer_upgraded.write(b"back")
            await until(loop, lambda: client.text() == "back")
            upgraded.close()
            await until(loop, lambda: "connection_lost" in client.events and "connection_lost" in peer.events)
            server.close()
            await server.wait_closed()
            return [peer.text(), client.text(), client.events.count("connection_lost")]

        self.assertEqual(self.run_async(main(), timeout=5), ["secret", "back", 1])
