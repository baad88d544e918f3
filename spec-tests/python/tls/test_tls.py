"""Twins of spec-tests/tests/tls/tls.test.ts (PEP 3156 § Internet connections (ssl), asyncio's start_tls).

A TLS transport cannot half-close: can_write_eof() is False. Loopback only, with the self-signed test
certificate for localhost and 127.0.0.1.
"""

import asyncio

from _net import EchoRecorder, Recorder, client_ssl_context, listen, server_ssl_context, until
from twinlib import TwinCase, statement


class Tls(TwinCase):
    @statement("tls.round-trip")
    def test_round_trip(self) -> None:
        loop = self.loop

        async def main():
            client = Recorder()
            server = await loop.create_server(EchoRecorder, "127.0.0.1", 0, ssl=server_ssl_context())
            port = server.sockets[0].getsockname()[1]
            t, _ = await loop.create_connection(
                lambda: client, "127.0.0.1", port, ssl=client_ssl_context(), server_hostname="localhost"
            )
            t.write(b"secret")
            await until(loop, lambda: client.text() == "secret")
            info = {
                "can_write_eof": t.can_write_eof(),
                "has_cert": bool(t.get_extra_info("peercert")),
                "has_cipher": bool(t.get_extra_info("cipher")),
            }
            t.close()
            await until(loop, lambda: "connection_lost" in client.events)
            server.close()
            return info

        self.assertEqual(self.run_async(main()), {"can_write_eof": False, "has_cert": True, "has_cipher": True})

    @statement("tls.verify.rejects-unknown")
    def test_rejects_unknown(self) -> None:
        loop = self.loop

        async def main():
            server = await loop.create_server(EchoRecorder, "127.0.0.1", 0, ssl=server_ssl_context())
            port = server.sockets[0].getsockname()[1]
            try:
                await loop.create_connection(Recorder, "127.0.0.1", port, ssl=True, server_hostname="localhost")
                return "connected"
            except Exception:
                return "rejected"
            finally:
                server.close()

        self.assertEqual(self.run_async(main(), timeout=5), "rejected")

    @statement("tls.errors.ssl-error")
    def test_ssl_error(self) -> None:
        loop = self.loop

        def describe(e: BaseException) -> list:
            chain = [c.__name__ for c in type(e).__mro__[1:]]
            return [type(e).__name__, "SSLError" in chain, "OSError" in chain]

        class PlainText(Recorder):
            def data_received(self, data: bytes) -> None:
                super().data_received(data)
                self.transport.write(b"HTTP/1.0 400 Bad Request\r\n\r\n" * 4)
                self.transport.close()

        async def main():
            server = await loop.create_server(EchoRecorder, "127.0.0.1", 0, ssl=server_ssl_context())
            port = server.sockets[0].getsockname()[1]
            plain = await loop.create_server(PlainText, "127.0.0.1", 0)
            plain_port = plain.sockets[0].getsockname()[1]
            out = {}
            cases = [
                ("untrusted", port, True, "localhost"),
                ("host name", port, client_ssl_context(), "other.example"),
                ("not TLS", plain_port, client_ssl_context(), "localhost"),
            ]
            for what, p, ssl, server_hostname in cases:
                try:
                    t, _ = await loop.create_connection(
                        Recorder, "127.0.0.1", p, ssl=ssl, server_hostname=server_hostname
                    )
                    t.close()
                    out[what] = "connected"
                except Exception as e:  # noqa: BLE001
                    out[what] = describe(e)
            server.close()
            plain.close()
            return out

        self.assertEqual(
            self.run_async(main(), timeout=5),
            {
                "untrusted": ["SSLCertVerificationError", True, True],
                "host name": ["SSLCertVerificationError", True, True],
                "not TLS": ["SSLError", False, True],
            },
        )

    @statement("tls.start-tls.upgrade")
    def test_start_tls_upgrade(self) -> None:
        loop = self.loop

        async def main():
            server, port, accepted = await listen(loop)
            client = Recorder()
            t, _ = await loop.create_connection(lambda: client, "127.0.0.1", port)
            await until(loop, lambda: len(accepted) == 1)
            peer = accepted[0]
            server_side = loop.create_task(
                loop.start_tls(peer.transport, peer, server_ssl_context(), server_side=True)
            )
            upgraded = await loop.start_tls(t, client, client_ssl_context(), server_hostname="localhost")
            peer_upgraded = await server_side
            upgraded.write(b"after upgrade")
            await until(loop, lambda: peer.text() == "after upgrade")
            cipher = bool(upgraded.get_extra_info("cipher"))
            upgraded.close()
            peer_upgraded.close()
            server.close()
            return [peer.text(), cipher]

        self.assertEqual(self.run_async(main(), timeout=5), ["after upgrade", True])
