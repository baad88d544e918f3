"""Twins of spec-tests/tests/streams/streams.test.ts (PEP 3156 § Convenience Utilities, asyncio streams)."""

import asyncio

from twinlib import TwinCase, error_name, statement


class Streams(TwinCase):
    @statement("streams.readline.lines")
    def test_readline_lines(self) -> None:
        async def main():
            r = asyncio.StreamReader()
            r.feed_data(b"one\ntwo\nrest")
            r.feed_eof()
            out = [(await r.readline()).decode() for _ in range(4)]
            return [out, r.at_eof()]

        self.assertEqual(self.run_async(main()), [["one\n", "two\n", "rest", ""], True])

    @statement("streams.readexactly.incomplete")
    def test_readexactly_incomplete(self) -> None:
        async def main():
            r = asyncio.StreamReader()
            r.feed_data(b"abc")
            r.feed_eof()
            try:
                await r.readexactly(5)
                return ["no error"]
            except asyncio.IncompleteReadError as error:
                return [error_name(error), error.partial.decode(), error.expected]

        self.assertEqual(self.run_async(main()), ["IncompleteReadError", "abc", 5])

    @statement("streams.readuntil.limit")
    def test_readuntil_limit(self) -> None:
        async def main():
            r = asyncio.StreamReader(limit=4)
            r.feed_data(b"toolongline\n")
            try:
                await r.readuntil(b"\n")
                return "no error"
            except Exception as error:
                return error_name(error)

        self.assertEqual(self.run_async(main()), "LimitOverrunError")

    @statement("streams.read.waits")
    def test_read_waits(self) -> None:
        loop = self.loop

        async def main():
            r = asyncio.StreamReader()
            loop.call_later(0.002, r.feed_data, b"hello world")
            first = (await r.read(5)).decode()
            loop.call_later(0.002, r.feed_eof)
            rest = (await r.read()).decode()
            return [first, rest]

        self.assertEqual(self.run_async(main()), ["hello", " world"])

    @statement("streams.reader.one-at-a-time")
    def test_one_at_a_time(self) -> None:
        async def main():
            r = asyncio.StreamReader()
            first = asyncio.ensure_future(r.read(1))
            await asyncio.sleep(0)
            second = "no error"
            try:
                await r.read(1)
            except Exception as error:
                second = error_name(error)
            r.feed_data(b"x")
            return [second, (await first).decode()]

        self.assertEqual(self.run_async(main()), ["RuntimeError", "x"])

    @statement("streams.server.echo")
    def test_server_echo(self) -> None:
        async def main():
            served = 0

            async def handle(reader, writer):
                nonlocal served
                while True:
                    line = await reader.readline()
                    if not line:
                        break
                    writer.write(b"echo:" + line)
                    await writer.drain()
                served += 1
                writer.close()

            server = await asyncio.start_server(handle, "127.0.0.1", 0)
            port = server.sockets[0].getsockname()[1]
            replies = []
            for name in ("a", "b"):
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                writer.write(f"{name}\n".encode())
                replies.append((await reader.readline()).decode())
                writer.write_eof()
                await reader.read()
                writer.close()
                await writer.wait_closed()
            server.close()
            await server.wait_closed()
            return [replies, served]

        self.assertEqual(self.run_async(main()), [["echo:a\n", "echo:b\n"], 2])

    @statement("streams.async-functions.iterate")
    def test_iterate(self) -> None:
        loop = self.loop

        async def main():
            r = asyncio.StreamReader()

            def feed():
                r.feed_data(b"line\n")
                r.feed_eof()

            loop.call_later(0.002, feed)
            return [line.decode() async for line in r]

        self.assertEqual(self.run_async(main()), ["line\n"])
