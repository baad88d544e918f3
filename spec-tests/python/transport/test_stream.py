"""Twins of spec-tests/tests/transport/stream.test.ts (PEP 3156 § Bidirectional Stream Transports)."""

import asyncio
import errno

from _net import TCP, Probe, Recorder, is_pattern, listen, pair, pattern, quiet_asyncio_log, settle, until
from twinlib import TwinCase, error_name, statement


def thrown_name(fn) -> str:
    try:
        fn()
    except Exception as error:  # noqa: BLE001
        return error_name(error)
    return "returned"


def write_until(t, chunk: bytes, stop, limit: int = 256) -> int:
    """Writes ``chunk`` until ``stop()`` holds, at most ``limit`` times; returns how many writes."""
    n = 0
    while n < limit and not stop():
        t.write(chunk)
        n += 1
    return n


class StreamTransport(TwinCase):
    @statement("transport.write.type-error")
    def test_write_type_error(self) -> None:
        loop = self.loop

        async def main():
            server, port, _ = await listen(loop)
            t, _p = await loop.create_connection(Recorder, "127.0.0.1", port)
            out = [thrown_name(lambda: t.write("text")), thrown_name(lambda: t.write(None))]
            t.close()
            server.close()
            return out

        self.assertEqual(self.run_async(main()), ["TypeError", "TypeError"])

    @statement("transport.write.stream-semantics")
    def test_write_stream_semantics(self) -> None:
        loop = self.loop

        async def main():
            server, port, accepted = await listen(loop)
            t, _p = await loop.create_connection(Recorder, "127.0.0.1", port)
            t.write(b"abc")
            t.write(b"")
            t.writelines([b"d", b"e", b"f"])
            for ch in "ghi":
                t.write(ch.encode())
            t.close()
            await until(loop, lambda: len(accepted) == 1 and "connection_lost" in accepted[0].events)
            server.close()
            return accepted[0].text()

        self.assertEqual(self.run_async(main()), "abcdefghi")

    def fill_until_buffered(self, p) -> int:
        """Writes 1 MiB pieces of the pattern until some stay in the client transport's buffer."""
        chunk = 1024 * 1024
        written = 0
        while p.client_transport.get_write_buffer_size() == 0 and written < 64 * chunk:
            p.client_transport.write(pattern(chunk, written))
            written += chunk
        return written

    @statement("transport.close.flushes")
    def test_close_flushes(self) -> None:
        loop = self.loop
        client, server = Probe(), Probe()

        async def main():
            p = await pair(TCP, loop, client, server)
            p.server_transport.pause_reading()
            written = self.fill_until_buffered(p)
            pending_at_close = p.client_transport.get_write_buffer_size()
            p.client_transport.close()
            closing = p.client_transport.is_closing()
            p.client_transport.close()  # idempotent
            lost_at_once = client.is_lost()
            p.server_transport.resume_reading()
            await until(loop, lambda: server.is_lost() and client.is_lost())
            p.listener.stop()
            return written, pending_at_close, closing, lost_at_once

        written, pending_at_close, closing, lost_at_once = self.run_async(main())
        self.assertGreater(pending_at_close, 0, "some data was still buffered when close() was called")
        self.assertTrue(closing, "is_closing() right after close()")
        self.assertFalse(lost_at_once, "close() returns before connection_lost")
        self.assertTrue(is_pattern(server.received, written), "every byte written before close() arrived")
        self.assertEqual([client.lost_with, server.lost_with], [None, None])
        self.assertEqual(client.count("connection_lost"), 1, "a second close() does nothing")

    @statement("transport.abort.loses")
    def test_abort_at_once(self) -> None:
        loop = self.loop
        client = Recorder()

        async def main():
            server, port, _ = await listen(loop)
            t, _p = await loop.create_connection(lambda: client, "127.0.0.1", port)
            t.abort()
            synchronous = "connection_lost" in client.events
            await until(loop, lambda: "connection_lost" in client.events)
            server.close()
            return synchronous, t.is_closing(), client.events

        self.assertEqual(self.run_async(main()), (False, True, ["connection_made", "connection_lost"]))

    @statement("transport.abort.loses")
    def test_abort_drops_buffer(self) -> None:
        loop = self.loop
        client, server = Probe(), Probe()

        async def main():
            p = await pair(TCP, loop, client, server)
            p.server_transport.pause_reading()
            written = self.fill_until_buffered(p)
            pending_at_abort = p.client_transport.get_write_buffer_size()
            p.client_transport.abort()
            lost_at_once = client.is_lost()
            p.server_transport.resume_reading()
            await until(loop, lambda: server.is_lost() and client.is_lost())
            p.listener.stop()
            received = sum(len(c) for c in server.received)
            return written, pending_at_abort, lost_at_once, received

        written, pending_at_abort, lost_at_once, received = self.run_async(main())
        self.assertGreater(pending_at_abort, 0, "some data was still buffered when abort() was called")
        self.assertFalse(lost_at_once, "connection_lost is not called inside abort()")
        self.assertLess(received, written, "the buffered data was dropped")
        self.assertTrue(is_pattern(server.received, received), "what arrived is a prefix, in order")
        self.assertIsNone(client.lost_with)

    @statement("transport.close.lost-next-iteration")
    def test_close_lost_next_iteration(self) -> None:
        loop = self.loop

        async def main():
            out = []
            for how in ("close", "abort"):
                client, server = Probe(), Probe()
                p = await pair(TCP, loop, client, server)
                order = []
                loop.call_soon(order.append, "soon before")
                getattr(p.client_transport, how)()
                loop.call_soon(order.append, "soon after")

                def connection_lost(exc, client=client, order=order):
                    client.events.append("connection_lost")
                    client.lost_with = exc
                    order.append(f"connection_lost({error_name(exc) if exc else None})")

                client.connection_lost = connection_lost
                await until(loop, lambda: client.is_lost() and server.is_lost())
                p.listener.stop()
                out.append([how, *order])
            # close() inside connection_made: connection_lost still comes after what connection_made
            # scheduled before the close(), and create_connection still returns.
            order = []
            client = Probe()

            def connection_made(t):
                client.events.append("connection_made")
                client.transport = t
                loop.call_soon(order.append, "soon before")
                t.close()
                loop.call_soon(order.append, "soon after")

            def connection_lost(exc):
                client.events.append("connection_lost")
                order.append(f"connection_lost({error_name(exc) if exc else None})")

            client.connection_made = connection_made
            client.connection_lost = connection_lost
            listener = await TCP.listen(loop, Probe)
            t = await listener.connect(client)
            await until(loop, client.is_lost)
            listener.stop()
            out.append(["close in connection_made", *order, "resolved, closing" if t.is_closing() else "resolved"])
            return out

        self.assertEqual(
            self.run_async(main()),
            [
                ["close", "soon before", "connection_lost(None)", "soon after"],
                ["abort", "soon before", "connection_lost(None)", "soon after"],
                ["close in connection_made", "soon before", "connection_lost(None)", "soon after", "resolved, closing"],
            ],
        )

    @statement("transport.write-eof.half-close")
    def test_write_eof_half_close(self) -> None:
        loop = self.loop
        client = Recorder()

        def replying() -> Recorder:
            r = Recorder()

            def eof_received():
                r.events.append("eof_received")
                r.transport.write(b"reply after eof")
                r.transport.close()
                return True

            r.eof_received = eof_received
            return r

        async def main():
            server, port, _ = await listen(loop, replying)
            t, _p = await loop.create_connection(lambda: client, "127.0.0.1", port)
            can = t.can_write_eof()
            t.write_eof()
            await until(loop, lambda: "connection_lost" in client.events)
            server.close()
            return {"can": can, "text": client.text()}

        self.assertEqual(self.run_async(main()), {"can": True, "text": "reply after eof"})

    @statement("transport.read.pause")
    def test_read_pause(self) -> None:
        loop = self.loop
        client = Recorder()

        async def main():
            server, port, accepted = await listen(loop)
            t, _p = await loop.create_connection(lambda: client, "127.0.0.1", port)
            await until(loop, lambda: len(accepted) == 1)
            t.pause_reading()
            reading = t.is_reading()
            accepted[0].transport.write(b"while paused")
            await settle(loop, 0.05)
            during = client.text()
            t.resume_reading()
            await until(loop, lambda: client.text() == "while paused")
            t.close()
            server.close()
            return {"reading": reading, "during": during, "after": client.text(), "reading_after": t.is_reading()}

        self.assertEqual(
            self.run_async(main()),
            {"reading": False, "during": "", "after": "while paused", "reading_after": False},
        )

    @statement("transport.flow-control.marks")
    def test_flow_control_marks(self) -> None:
        loop = self.loop
        client = Recorder()

        async def main():
            server, port, accepted = await listen(loop)
            t, _p = await loop.create_connection(lambda: client, "127.0.0.1", port)
            await until(loop, lambda: len(accepted) == 1)
            peer = accepted[0].transport
            peer.pause_reading()
            t.set_write_buffer_limits(1024, 0)
            limits = t.get_write_buffer_limits()
            chunk = bytes(64 * 1024)
            paused_inside = False
            i = 0
            while i < 64 and not paused_inside:
                t.write(chunk)
                paused_inside = "pause_writing" in client.events
                i += 1
            peer.resume_reading()
            await until(loop, lambda: "resume_writing" in client.events, 5)
            t.close()
            server.close()
            return limits, paused_inside, [e for e in client.events if e.endswith("_writing")]

        limits, paused_inside, pairs = self.run_async(main())
        self.assertEqual(limits, (0, 1024))
        self.assertTrue(paused_inside, "pause_writing ran inside write()")
        self.assertEqual(pairs[:2], ["pause_writing", "resume_writing"])

    @statement("transport.flow-control.limits-checked")
    def test_limits_checked(self) -> None:
        loop = self.loop

        async def main():
            server, port, _ = await listen(loop)
            t, _p = await loop.create_connection(Recorder, "127.0.0.1", port)
            n = thrown_name(lambda: t.set_write_buffer_limits(10, 20))
            t.close()
            server.close()
            return n

        self.assertEqual(self.run_async(main()), "ValueError")

    @statement("transport.extra-info.names")
    def test_extra_info_names(self) -> None:
        loop = self.loop

        async def main():
            server, port, _ = await listen(loop)
            t, _p = await loop.create_connection(Recorder, "127.0.0.1", port)
            out = {
                "peer": t.get_extra_info("peername"),
                "sock": t.get_extra_info("sockname"),
                "unknown": t.get_extra_info("no-such-key", "dflt"),
                "port": port,
            }
            t.close()
            server.close()
            return out

        info = self.run_async(main())
        self.assertEqual(list(info["peer"][:2]), ["127.0.0.1", info["port"]])
        self.assertEqual(info["sock"][0], "127.0.0.1")
        self.assertEqual(info["unknown"], "dflt")

    @statement("transport.protocol.get-set")
    def test_protocol_get_set(self) -> None:
        loop = self.loop

        async def main():
            server, port, accepted = await listen(loop)
            first = Recorder()
            t, _p = await loop.create_connection(lambda: first, "127.0.0.1", port)
            before = t.get_protocol() is first
            second = Recorder()
            t.set_protocol(second)
            await until(loop, lambda: len(accepted) == 1)
            accepted[0].transport.write(b"to second")
            await until(loop, lambda: second.text() == "to second")
            t.close()
            server.close()
            return [before, t.get_protocol() is second, first.text()]

        self.assertEqual(self.run_async(main()), [True, True, ""])

    @statement("transport.write.never-lost")
    def test_write_never_lost(self) -> None:
        loop = self.loop
        client, server = Probe(), Probe()
        total = 8 * 1024 * 1024

        async def main():
            p = await pair(TCP, loop, client, server)
            data = memoryview(pattern(total))
            sizes = [1, 100, 65_536, 1_000_000, 3, 250_000]
            at, i = 0, 0
            while at < total:
                n = min(sizes[i % len(sizes)], total - at)
                p.client_transport.write(data[at : at + n])
                at += n
                i += 1
            p.client_transport.close()
            await until(loop, lambda: server.is_lost() and client.is_lost())
            p.listener.stop()

        self.run_async(main())
        self.assertTrue(is_pattern(server.received, total), "every byte arrived, in order")
        self.assertEqual([client.lost_with, server.lost_with], [None, None])

    @statement("transport.write-eof.then-write")
    def test_write_eof_then_write(self) -> None:
        loop = self.loop

        async def main():
            p = await pair(TCP, loop, Probe(), Probe())
            p.client_transport.write_eof()
            p.client_transport.write_eof()
            name = thrown_name(lambda: p.client_transport.write(b"late"))
            closing = p.client_transport.is_closing()
            p.client_transport.close()
            await until(loop, p.server.is_lost)
            p.listener.stop()
            return {"name": name, "closing": closing, "text": p.server.text()}

        self.assertEqual(self.run_async(main()), {"name": "RuntimeError", "closing": False, "text": ""})

    @statement("transport.write.after-close-dropped")
    def test_write_after_close_dropped(self) -> None:
        loop = self.loop

        async def main():
            out = []
            for how in ("close", "abort"):
                client, server = Probe(), Probe()
                p = await pair(TCP, loop, client, server)
                p.client_transport.write(b"before")
                getattr(p.client_transport, how)()
                closing = p.client_transport.is_closing()
                for _ in range(8):
                    p.client_transport.write(b"after")
                await until(loop, lambda: client.is_lost() and server.is_lost())
                p.client_transport.write(b"after the end")
                await settle(loop)
                p.listener.stop()
                out.append(
                    {
                        "how": how,
                        "closing": closing,
                        "lost_with": client.lost_with,
                        "extra": server.text().replace("before", ""),
                        "calls": client.after_lost(),
                    }
                )
            return out

        with quiet_asyncio_log():
            got = self.run_async(main())
        self.assertEqual(
            got,
            [
                {"how": "close", "closing": True, "lost_with": None, "extra": "", "calls": []},
                {"how": "abort", "closing": True, "lost_with": None, "extra": "", "calls": []},
            ],
        )

    @statement("transport.write.dead-connection")
    def test_write_dead_connection(self) -> None:
        loop = self.loop
        client = Recorder()
        client.keep_open_on_eof = True

        async def main():
            server, port, accepted = await listen(loop)
            t, _p = await loop.create_connection(lambda: client, "127.0.0.1", port)
            await until(loop, lambda: len(accepted) == 1)
            accepted[0].transport.abort()  # the peer closes: our next write draws a reset
            await until(loop, lambda: "eof_received" in client.events)
            writes = 0
            while not t.is_closing() and writes < 1000:
                t.write(b"x" * 100)
                writes += 1
                if not t.is_closing():
                    await asyncio.sleep(0)
            lost_before = "connection_lost" in client.events
            late = thrown_name(lambda: [t.write(b"late") for _ in range(8)])
            await until(loop, lambda: "connection_lost" in client.events)
            server.close()
            return {
                "closing": t.is_closing(),
                "bounded": writes < 1000,
                "lost_before": lost_before,
                "late": late,
                "lost_with": error_name(client.lost_with) in ("ConnectionResetError", "BrokenPipeError"),
                "events": client.events,
            }

        with quiet_asyncio_log():
            got = self.run_async(main())
        self.assertEqual(
            got,
            {
                "closing": True,
                "bounded": True,
                "lost_before": False,
                "late": "returned",
                "lost_with": True,
                "events": ["connection_made", "eof_received", "connection_lost"],
            },
        )

    @statement("transport.write-buffer-size.own")
    def test_write_buffer_size_own(self) -> None:
        loop = self.loop

        async def main():
            p = await pair(TCP, loop, Probe(), Probe())
            p.server_transport.pause_reading()
            empty = p.client_transport.get_write_buffer_size()
            p.client_transport.write(bytes(1000))
            await until(loop, lambda: p.client_transport.get_write_buffer_size() == 0)
            after = p.client_transport.get_write_buffer_size()
            p.client_transport.abort()
            p.server_transport.abort()
            await until(loop, lambda: p.client.is_lost() and p.server.is_lost())
            p.listener.stop()
            return [empty, after]

        self.assertEqual(self.run_async(main()), [0, 0])

    @statement("transport.flow-control.exact")
    def test_flow_control_exact(self) -> None:
        loop = self.loop
        client = Probe()

        async def main():
            p = await pair(TCP, loop, client, Probe())
            t = p.client_transport
            sizes = {}

            def pause_writing():
                client.events.append("pause_writing")
                sizes["pause"] = t.get_write_buffer_size()

            def resume_writing():
                client.events.append("resume_writing")
                sizes["resume"] = t.get_write_buffer_size()

            client.pause_writing = pause_writing
            client.resume_writing = resume_writing
            t.set_write_buffer_limits(100_000, 30_000)
            p.server_transport.pause_reading()
            wrong = []
            chunk = bytes(7_000)
            i = 0
            while i < 4000 and client.count("pause_writing") == 0:
                t.write(chunk)
                above = t.get_write_buffer_size() > 100_000
                if above != (client.count("pause_writing") == 1):
                    wrong.append(f"write {i}: above={above}")
                i += 1
            p.server_transport.resume_reading()
            await until(loop, lambda: client.count("resume_writing") == 1, 5)
            t.close()
            await until(loop, client.is_lost)
            p.listener.stop()
            return wrong, sizes

        wrong, sizes = self.run_async(main())
        self.assertEqual(wrong, [], "pause_writing called exactly when the size went above high")
        self.assertGreater(sizes["pause"], 100_000)
        self.assertLessEqual(sizes["resume"], 30_000)

    @statement("transport.flow-control.high-zero")
    def test_flow_control_high_zero(self) -> None:
        loop = self.loop
        client = Probe()

        async def main():
            p = await pair(TCP, loop, client, Probe())
            t = p.client_transport
            resumed_at = [-1]

            def resume_writing():
                client.events.append("resume_writing")
                resumed_at[0] = t.get_write_buffer_size()

            client.resume_writing = resume_writing
            t.set_write_buffer_limits(0)
            limits = t.get_write_buffer_limits()
            p.server_transport.pause_reading()
            early = [False]

            def stop():
                if t.get_write_buffer_size() == 0 and client.count("pause_writing") > 0:
                    early[0] = True
                return t.get_write_buffer_size() > 0

            write_until(t, bytes(64 * 1024), stop)
            paused_with_data = client.count("pause_writing")
            p.server_transport.resume_reading()
            await until(loop, lambda: client.count("resume_writing") == 1, 5)
            t.close()
            await until(loop, client.is_lost)
            p.listener.stop()
            return {"limits": limits, "early": early[0], "paused_with_data": paused_with_data, "resumed_at": resumed_at[0]}

        self.assertEqual(
            self.run_async(main()), {"limits": (0, 0), "early": False, "paused_with_data": 1, "resumed_at": 0}
        )

    @statement("transport.flow-control.defaults")
    def test_flow_control_defaults(self) -> None:
        loop = self.loop

        async def main():
            p = await pair(TCP, loop, Probe(), Probe())
            t = p.client_transport
            out = [t.get_write_buffer_limits()]
            t.set_write_buffer_limits(1000)
            out.append(t.get_write_buffer_limits())
            t.set_write_buffer_limits(None, 1000)
            out.append(t.get_write_buffer_limits())
            t.set_write_buffer_limits()
            out.append(t.get_write_buffer_limits())
            t.close()
            await until(loop, p.client.is_lost)
            p.listener.stop()
            return out

        self.assertEqual(self.run_async(main()), [(16384, 65536), (250, 1000), (1000, 4000), (16384, 65536)])

    @statement("transport.read.idempotent")
    def test_read_idempotent(self) -> None:
        loop = self.loop
        client = Probe()
        total = 256 * 1024

        async def main():
            p = await pair(TCP, loop, client, Probe())
            t = p.client_transport
            states = [t.is_reading()]
            t.pause_reading()
            t.pause_reading()
            states.append(t.is_reading())
            p.server_transport.write(pattern(total))
            await settle(loop)
            during = len(client.sizes)
            t.resume_reading()
            t.resume_reading()
            states.append(t.is_reading())
            await until(loop, lambda: sum(client.sizes) == total)
            t.close()
            states.append(t.is_reading())
            await until(loop, client.is_lost)
            p.listener.stop()
            return {"states": states, "during": during}

        self.assertEqual(self.run_async(main()), {"states": [True, False, True, False], "during": 0})
        self.assertTrue(is_pattern(client.received, total))

    @statement("transport.extra-info.socket")
    def test_extra_info_socket(self) -> None:
        # Node: the net.Socket (its write, its remotePort). Python: the connection's socket (a
        # socket-like object whose getpeername() is the transport's peername).
        loop = self.loop

        async def main():
            p = await pair(TCP, loop, Probe(), Probe())
            sock = p.client_transport.get_extra_info("socket")
            peer = p.client_transport.get_extra_info("peername")
            out = {"fileno": callable(getattr(sock, "fileno", None)), "peer": sock.getpeername() == peer}
            p.client_transport.close()
            await until(loop, p.client.is_lost)
            p.listener.stop()
            return out

        self.assertEqual(self.run_async(main()), {"fileno": True, "peer": True})

    @statement("transport.errors.code-errno")
    def test_errors_code_errno(self) -> None:
        # Node's code string is Python's errno.errorcode[errno]; errno is the number.
        loop = self.loop

        async def main():
            server, port, _ = await listen(loop)
            server.close()
            await server.wait_closed()
            try:
                await loop.create_connection(Recorder, "127.0.0.1", port)
                return None
            except OSError as error:
                return error

        got = self.run_async(main())
        self.assertEqual(error_name(got), "ConnectionRefusedError")
        self.assertEqual(errno.errorcode.get(got.errno), "ECONNREFUSED")
        self.assertIsInstance(got.errno, int)

    @statement("transport.close.no-data-after")
    def test_close_no_data_after(self) -> None:
        loop = self.loop
        client, server = Probe(), Probe()

        async def main():
            p = await pair(TCP, loop, client, server)
            p.server_transport.write(pattern(100_000))
            await until(loop, lambda: len(client.sizes) > 0)
            p.server_transport.write(pattern(100_000))
            before = len(client.events)
            p.client_transport.close()
            await until(loop, lambda: client.is_lost() and server.is_lost())
            await settle(loop)
            p.listener.stop()
            return client.events[before:]

        self.assertEqual(self.run_async(main()), ["connection_lost"], "only connection_lost after close()")

    @statement("transport.read.pause-holds-eof")
    def test_read_pause_holds_eof(self) -> None:
        loop = self.loop
        client = Probe()

        async def main():
            p = await pair(TCP, loop, client, Probe())
            p.client_transport.pause_reading()
            p.server_transport.write(b"last words")
            p.server_transport.write_eof()
            await settle(loop)
            during = list(client.events)
            p.client_transport.resume_reading()
            await until(loop, client.is_lost)
            p.listener.stop()
            return {"during": during, "text": client.text()}

        self.assertEqual(self.run_async(main()), {"during": ["connection_made"], "text": "last words"})
        self.assertEqual(client.shape(), ["connection_made", "data_received", "eof_received", "connection_lost"])
