"""Twins of spec-tests/tests/streams/writer.test.ts (PEP 3156 § Convenience Utilities, asyncio's StreamWriter).

write(), writelines(), write_eof(), can_write_eof(), close(), get_extra_info() mirror the transport;
drain() waits while the transport is paused (pause_writing) and raises once the connection is lost;
wait_closed() waits for connection_lost.
"""

import asyncio

from _net import Recorder, unix_path, until
from streams._support import connected, done_without_waiting, settle_outcome
from twinlib import TwinCase, statement


class KeepOpen(Recorder):
    def __init__(self) -> None:
        super().__init__()
        self.keep_open_on_eof = True


class Paused(Recorder):
    def connection_made(self, transport) -> None:
        super().connection_made(transport)
        transport.pause_reading()


class Writer(TwinCase):
    @statement("streams.writer.mirrors-transport")
    def test_mirrors_transport(self) -> None:
        loop = self.loop

        async def main():
            c = await connected(loop, KeepOpen)
            reader, writer, peer = c.reader, c.writer, c.peer
            t = writer.transport
            info = {
                "protocol": isinstance(t.get_protocol(), asyncio.StreamReaderProtocol),
                "peername": writer.get_extra_info("peername"),
                "same_sockname": writer.get_extra_info("sockname") == t.get_extra_info("sockname"),
                "fallback": writer.get_extra_info("no-such-info", "fallback"),
                "can_write_eof": writer.can_write_eof(),
            }
            with self.assertRaises(TypeError):
                writer.write("text")  # type: ignore[arg-type]
            writer.write(b"a")
            writer.writelines([b"b", b"c"])
            writer.write_eof()
            await until(loop, lambda: "eof_received" in peer.events)
            sent = peer.text()
            peer.transport.write(b"reply")
            peer.transport.close()
            reply = (await reader.read()).decode()
            closing = [writer.is_closing()]
            writer.close()
            closing.append(writer.is_closing())
            await writer.wait_closed()
            c.close()
            return info, sent, reply, closing

        info, sent, reply, closing = self.run_async(main())
        self.assertEqual(
            info,
            {"protocol": True, "peername": ("127.0.0.1", info["peername"][1]), "same_sockname": True,
             "fallback": "fallback", "can_write_eof": True},
        )
        self.assertEqual(sent, "abc", "write and writelines in order, then EOF")
        self.assertEqual(reply, "reply", "the peer could still send after write_eof")
        self.assertEqual(closing, [False, True])

    @statement("streams.writer.wait-closed")
    def test_wait_closed(self) -> None:
        loop = self.loop
        boom = Exception("connection broke")

        async def main():
            a = await connected(loop)
            early = loop.create_task(a.writer.wait_closed())
            await asyncio.sleep(0)
            early_done = early.done()
            a.writer.close()
            clean = [await settle_outcome(early), a.reader.at_eof(), (await a.reader.read()).decode()]
            a.close()

            b = await connected(loop)
            pending_read = loop.create_task(settle_outcome(b.reader.read(), raw=True))
            await asyncio.sleep(0)
            b.writer.transport.get_protocol().connection_lost(boom)
            failed = [
                (await pending_read) is boom,
                (await settle_outcome(b.writer.wait_closed(), raw=True)) is boom,
                (await settle_outcome(b.reader.readline(), raw=True)) is boom,
            ]
            # The transport's own connection_lost(None) after close() changes nothing.
            b.writer.close()
            await until(loop, lambda: "connection_lost" in b.peer.events)
            failed.append((await settle_outcome(b.writer.wait_closed(), raw=True)) is boom)
            b.close()
            return [early_done, clean, failed]

        self.assertEqual(self.run_async(main()), [False, ["ok", True, ""], [True, True, True, True]])

    @statement("streams.writer.drain-flow-control")
    def test_drain_flow_control(self) -> None:
        loop = self.loop
        size = 32 * 1024 * 1024

        async def main():
            c = await connected(loop, Paused)
            writer, peer = c.writer, c.peer
            idle_at_once, _ = done_without_waiting(writer.drain())
            writer.transport.set_write_buffer_limits(16 * 1024)
            writer.write(bytes(size))
            drains = [loop.create_task(writer.drain()) for _ in range(3)]
            await asyncio.sleep(0.05)
            waited_while_paused = all(not d.done() for d in drains)
            peer.transport.resume_reading()
            results = [await settle_outcome(d) for d in drains]
            await until(loop, lambda: sum(len(b) for b in peer.received) == size, 5)
            c.close()
            return [idle_at_once, waited_while_paused, results]

        self.assertEqual(self.run_async(main()), [True, True, ["ok", "ok", "ok"]])

    @statement("streams.writer.drain-lost")
    def test_drain_lost(self) -> None:
        loop = self.loop
        boom = Exception("connection broke")

        async def main():
            out = []
            # Closed by us: drain fails with ConnectionResetError, before and after the loss.
            a = await connected(loop)
            a.writer.close()
            out.append(await settle_outcome(a.writer.drain()))
            await a.writer.wait_closed()
            out.append(await settle_outcome(a.writer.drain()))
            a.close()
            # A drain waiting (transport paused) when the connection is lost cleanly resolves; the next fails.
            b = await connected(loop)
            b.writer.transport.get_protocol().pause_writing()
            waiting = loop.create_task(b.writer.drain())
            await asyncio.sleep(0)  # the drain is waiting now (a coroutine starts only when its task runs)
            out.append(waiting.done())
            b.writer.transport.abort()
            out += [await settle_outcome(waiting), await settle_outcome(b.writer.drain())]
            b.close()
            # Lost with an error: the waiting drain and every later one fail with it.
            c = await connected(loop)
            protocol = c.writer.transport.get_protocol()
            protocol.pause_writing()
            pending = loop.create_task(c.writer.drain())
            await asyncio.sleep(0)
            protocol.connection_lost(boom)
            out += [(await settle_outcome(pending, raw=True)) is boom,
                    (await settle_outcome(c.writer.drain(), raw=True)) is boom]
            c.close()
            return out

        self.assertEqual(
            self.run_async(main()),
            ["ConnectionResetError", "ConnectionResetError", False, "ok", "ConnectionResetError", True, True],
        )

    async def drain_until_dead(self, kind: str) -> dict:
        """A write() + drain() loop against a peer that closes at once, for at most 10 000 rounds.

        Not over TLS: asyncio's TLS transport never turns closing there (it logs "SSL connection is
        closed" for each write and the loop runs all its rounds), so that case is the reference's.
        """
        loop = self.loop

        class ClosesAtOnce(asyncio.Protocol):
            def connection_made(self, transport) -> None:
                transport.abort()

        if kind == "unix":
            where = unix_path()
            server = await loop.create_unix_server(ClosesAtOnce, where)
            reader, writer = await asyncio.open_unix_connection(where)
        else:
            server = await loop.create_server(ClosesAtOnce, "127.0.0.1", 0)
            port = server.sockets[0].getsockname()[1]
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        rounds = 0
        error = None
        try:
            while rounds < 10_000:
                writer.write(b"x" * 100)
                await writer.drain()
                rounds += 1
        except Exception as e:  # noqa: BLE001
            error = e
        closing = writer.is_closing()
        lost = loop.create_task(writer.wait_closed())
        await settle_outcome(lost)
        server.close()
        return {
            "ended": rounds < 10_000,
            "error": type(error).__name__ in ("ConnectionResetError", "BrokenPipeError"),
            "closing": closing,
            "lost": lost.done(),
        }

    @statement("streams.writer.drain-dead-connection")
    def test_drain_dead_connection_tcp(self) -> None:
        got = self.run_async(self.drain_until_dead("tcp"))
        self.assertEqual(got, {"ended": True, "error": True, "closing": True, "lost": True})

    @statement("streams.writer.drain-dead-connection")
    def test_drain_dead_connection_unix(self) -> None:
        got = self.run_async(self.drain_until_dead("unix"))
        self.assertEqual(got, {"ended": True, "error": True, "closing": True, "lost": True})
