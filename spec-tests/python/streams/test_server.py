"""Twins of spec-tests/tests/streams/server.test.ts (PEP 3156 § Convenience Utilities, asyncio's start_server).

client_connected_cb(reader, writer) is called for each connection; "This parameter can either be a plain
callback function or a coroutine; if it is a coroutine, it will be automatically converted into a Task."
"""

import asyncio
import socket

from _net import unix_path, until
from twinlib import TwinCase, error_name, statement


def port_of(server) -> int:
    return server.sockets[0].getsockname()[1]


async def echo_line(reader, writer) -> None:
    """Echoes one line, then closes."""
    line = await reader.readline()
    writer.write(line)
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def exchange(port: int, line: str) -> str:
    """Sends ``line`` on a new connection to ``port``; what comes back until EOF (or the error's name)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(line.encode())
    try:
        reply = (await reader.read()).decode()
    except Exception as error:
        reply = error_name(error)
    writer.close()
    return reply


class Server(TwinCase):
    @statement("streams.server.callback-kinds")
    def test_callback_kinds(self) -> None:
        loop = self.loop

        async def main():
            replies = []
            coroutine = await asyncio.start_server(echo_line, "127.0.0.1", 0)
            replies.append(await exchange(port_of(coroutine), "coroutine\n"))
            def start_own_task(reader, writer) -> None:
                loop.create_task(echo_line(reader, writer))

            plain = await asyncio.start_server(start_own_task, "127.0.0.1", 0)
            replies.append(await exchange(port_of(plain), "plain\n"))
            for server in (coroutine, plain):
                server.close()
                await server.wait_closed()
            return replies

        self.assertEqual(self.run_async(main()), ["coroutine\n", "plain\n"])

    @statement("streams.server.callback-kinds")
    def test_callback_async_function(self) -> None:
        async def main():
            async def handle(reader, writer):
                line = await reader.readline()
                writer.write(b"async:" + line)
                await writer.drain()
                writer.close()
                await writer.wait_closed()

            server = await asyncio.start_server(handle, "127.0.0.1", 0)
            reader, writer = await asyncio.open_connection("127.0.0.1", port_of(server))
            writer.write(b"hi\n")
            await writer.drain()
            reply = (await reader.read()).decode()
            writer.close()
            await writer.wait_closed()
            server.close()
            await server.wait_closed()
            return reply

        self.assertEqual(self.run_async(main()), "async:hi\n")

    @statement("streams.server.callback-error")
    def test_callback_error(self) -> None:
        loop = self.loop
        errors = {"sync": Exception("sync"), "coroutine": Exception("coroutine")}
        seen = self.capture_exceptions()

        async def main():
            kinds = ["coroutine", "sync", "ok"]
            left_open = []

            def callback(reader, writer):
                kind = kinds[len(left_open)]
                left_open.append(writer)
                if kind == "sync":
                    raise errors["sync"]
                if kind == "coroutine":

                    async def failing():
                        await reader.readline()
                        raise errors["coroutine"]

                    return failing()
                return echo_line(reader, writer)

            server = await asyncio.start_server(callback, "127.0.0.1", 0)
            port = port_of(server)
            replies = [await exchange(port, "coroutine\n")]
            # The callback that threw: its error is reported; whether its connection closes is not said.
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            await until(loop, lambda: any(c.get("exception") is errors["sync"] for c in seen))
            writer.close()
            replies.append(await exchange(port, "ok\n"))
            for w in left_open:
                w.transport.abort()
            server.close()
            return replies

        replies = self.run_async(main(), timeout=3)
        self.assertEqual(replies[0], "", "the failed coroutine closed its connection")
        self.assertEqual(replies[1], "ok\n", "the server still serves")
        reported = [c.get("exception") for c in seen]
        self.assertIn(errors["coroutine"], reported)
        self.assertIn(errors["sync"], reported)
        self.assertTrue(all(isinstance(c.get("message"), str) and c["message"] for c in seen))

    @statement("streams.server.callback-error")
    def test_callback_error_async(self) -> None:
        boom = Exception("async")
        seen = self.capture_exceptions()

        async def main():
            async def handle(reader, writer):
                await reader.readline()
                raise boom

            server = await asyncio.start_server(handle, "127.0.0.1", 0)
            reply = await exchange(port_of(server), "x\n")
            server.close()
            await server.wait_closed()
            return reply

        self.assertEqual(self.run_async(main(), timeout=3), "")
        self.assertEqual([c.get("exception") for c in seen], [boom])

    @statement("streams.server.limit")
    def test_limit(self) -> None:
        async def main():
            async def handle(reader, writer):
                try:
                    answer = (await reader.readline()).decode()
                except Exception as error:
                    answer = f"{error_name(error)}\n"
                writer.write(answer.encode())
                writer.close()

            server = await asyncio.start_server(handle, "127.0.0.1", 0, limit=8)
            reader, writer = await asyncio.open_connection("127.0.0.1", port_of(server), limit=4)
            writer.write(b"0123456789abcdef\n")
            try:
                await reader.readuntil(b"\n")
                client = "no error"
            except Exception as error:
                client = error_name(error)
            rest = (await reader.read()).decode()
            writer.close()
            server.close()
            await server.wait_closed()
            return [client, rest]

        self.assertEqual(self.run_async(main()), ["LimitOverrunError", "ValueError\n"])

    @statement("streams.open-connection.refused")
    def test_refused(self) -> None:
        async def main():
            server = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
            port = port_of(server)
            server.close()
            await server.wait_closed()
            try:
                await asyncio.open_connection("127.0.0.1", port)
                return "connected"
            except Exception as error:
                return error_name(error)

        self.assertEqual(self.run_async(main()), "ConnectionRefusedError")

    @statement("streams.open-connection.sock")
    def test_sock(self) -> None:
        loop = self.loop

        async def main():
            server = await asyncio.start_server(echo_line, "127.0.0.1", 0)
            raw = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            raw.setblocking(False)
            await loop.sock_connect(raw, ("127.0.0.1", port_of(server)))
            reader, writer = await asyncio.open_connection(sock=raw)
            writer.write(b"via sock\n")
            reply = (await reader.read()).decode()
            writer.close()
            await writer.wait_closed()
            server.close()
            await server.wait_closed()
            return reply

        self.assertEqual(self.run_async(main()), "via sock\n")

    @statement("streams.unix.round-trip")
    def test_unix(self) -> None:
        path = unix_path("streams")

        async def main():
            server = await asyncio.start_unix_server(echo_line, path, limit=1024)
            reader, writer = await asyncio.open_unix_connection(path)
            writer.write(b"over unix\n")
            reply = (await reader.read()).decode()
            can_write_eof = writer.can_write_eof()
            writer.close()
            await writer.wait_closed()
            server.close()
            await server.wait_closed()
            return [reply, can_write_eof]

        self.assertEqual(self.run_async(main()), ["over unix\n", True])
