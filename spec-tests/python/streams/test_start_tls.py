"""Twins of spec-tests/tests/streams/start-tls.test.ts (PEP 3156 § Convenience Utilities, § Internet connections).

StreamWriter.start_tls(sslcontext, *, server_hostname=None): "Upgrade an existing stream-based
connection to TLS." (asyncio 3.11); open_connection and start_server pass ssl= to the loop.
"""

import asyncio

from _net import client_ssl_context, server_ssl_context
from twinlib import TwinCase, statement


def port_of(server) -> int:
    return server.sockets[0].getsockname()[1]


class StartTls(TwinCase):
    @statement("streams.start-tls.upgrade")
    def test_upgrade(self) -> None:
        async def main():
            server_saw = []

            async def handle(reader, writer):
                writer.write(await reader.readline())
                await writer.drain()
                server_saw.append(writer.get_extra_info("cipher") is None)
                await writer.start_tls(server_ssl_context())
                server_saw.append(bool(writer.get_extra_info("cipher")))
                writer.write(await reader.readline())
                await writer.drain()
                writer.close()

            server = await asyncio.start_server(handle, "127.0.0.1", 0)
            reader, writer = await asyncio.open_connection("127.0.0.1", port_of(server))
            writer.write(b"hello 1\n")
            await writer.drain()
            first = (await reader.readline()).decode()
            before = writer.transport
            plain = writer.get_extra_info("cipher") is None
            await writer.start_tls(client_ssl_context(), server_hostname="localhost")
            upgraded = {
                "new_transport": writer.transport is not before,
                "cipher": bool(writer.get_extra_info("cipher")),
                "peercert": bool(writer.get_extra_info("peercert")),
                "can_write_eof": writer.can_write_eof(),
            }
            writer.write(b"hello 2\n")
            await writer.drain()
            second = (await reader.readline()).decode()
            end = (await reader.read()).decode()
            writer.close()
            await writer.wait_closed()
            server.close()
            return {"first": first, "plain": plain, "upgraded": upgraded, "second": second, "end": end,
                    "server_saw": server_saw}

        self.assertEqual(
            self.run_async(main()),
            {"first": "hello 1\n", "plain": True,
             "upgraded": {"new_transport": True, "cipher": True, "peercert": True, "can_write_eof": False},
             "second": "hello 2\n", "end": "", "server_saw": [True, True]},
        )

    @statement("streams.server.ssl")
    def test_server_ssl(self) -> None:
        async def main():
            async def handle(reader, writer):
                line = await reader.readline()
                writer.write(b"tls:" + line)
                await writer.drain()
                writer.close()

            server = await asyncio.start_server(handle, "127.0.0.1", 0, ssl=server_ssl_context())
            reader, writer = await asyncio.open_connection(
                "127.0.0.1", port_of(server), ssl=client_ssl_context(), server_hostname="localhost"
            )
            writer.write(b"secret\n")
            info = [bool(writer.get_extra_info("peercert")), writer.can_write_eof()]
            reply = (await reader.read()).decode()
            writer.close()
            await writer.wait_closed()
            server.close()
            await server.wait_closed()
            return [reply, info]

        self.assertEqual(self.run_async(main()), ["tls:secret\n", [True, False]])
