"""Twins of spec-tests/tests/pipes/pipes.test.ts (PEP 3156 § Pipes, § Unidirectional Stream
Transports), over os.pipe() file objects."""

import asyncio
import errno
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _pipes import Probe, pattern, pipe_files, settle, until  # noqa: E402
from twinlib import TwinCase, error_name, statement  # noqa: E402


async def read_pipe(proto):
    """A read pipe transport over a fresh os.pipe(); returns the write end's fd and the transport."""
    r, w = pipe_files()
    transport, _ = await asyncio.get_running_loop().connect_read_pipe(lambda: proto, r)
    fd = os.dup(w.fileno())
    w.close()
    return fd, transport, r


async def write_pipe(proto):
    """A write pipe transport over a fresh os.pipe(); returns the read end (a file object) and the transport."""
    r, w = pipe_files()
    transport, _ = await asyncio.get_running_loop().connect_write_pipe(lambda: proto, w)
    return r, transport, w


async def drain(r) -> Probe:
    """Reads everything ``r`` gives with a read pipe transport (its Probe collects it)."""
    sink = Probe()
    await asyncio.get_running_loop().connect_read_pipe(lambda: sink, r)
    return sink


class Pipes(TwinCase):
    @statement("pipes.read.order")
    def test_read_order(self) -> None:
        proto = Probe()

        async def main():
            fd, _, _ = await read_pipe(proto)
            os.write(fd, b"piped ")
            os.write(fd, b"data")
            os.close(fd)
            await until(proto.is_lost)

        self.run_async(main())
        self.assertEqual(proto.shape(), ["connection_made", "data_received", "eof_received", "connection_lost"])
        self.assertEqual(proto.text(), "piped data")

    @statement("pipes.write.delivers")
    def test_write_delivers(self) -> None:
        proto = Probe()

        async def main():
            r, t, _ = await write_pipe(proto)
            sink = await drain(r)
            t.write(b"to the ")
            t.write(b"pipe")
            t.close()
            await until(lambda: proto.is_lost() and sink.is_lost())
            return sink.text()

        self.assertEqual(self.run_async(main()), "to the pipe")
        self.assertEqual(proto.events, ["connection_made", "connection_lost"])


class PipesAndSubprocesses(TwinCase):
    @statement("pipes.read.made-first")
    def test_read_made_first(self) -> None:
        proto = Probe()

        async def main():
            fd, _, _ = await read_pipe(proto)
            seen = list(proto.events)
            os.write(fd, b"x")
            os.close(fd)
            await until(proto.is_lost)
            return seen

        self.assertEqual(self.run_async(main()), ["connection_made"])
        self.assertEqual(proto.events[0], "connection_made")
        self.assertEqual(proto.count("connection_made"), 1)

    @statement("pipes.read.data-non-empty")
    def test_read_data_non_empty(self) -> None:
        proto = Probe()
        total = 300_001
        everything = pattern(total)

        async def main():
            r, w = pipe_files()
            await asyncio.get_running_loop().connect_read_pipe(lambda: proto, r)
            writer, _ = await asyncio.get_running_loop().connect_write_pipe(Probe, w)
            for i in range(0, total, 10_000):
                writer.write(everything[i : i + 10_000])
                writer.write(b"")
            writer.close()
            await until(proto.is_lost)

        self.run_async(main())
        self.assertTrue(all(n > 0 for n in proto.sizes), "non-empty chunks")
        self.assertEqual(b"".join(proto.received), everything, "every byte, in order")

    @statement("pipes.read.eof-once")
    def test_read_eof_once(self) -> None:
        proto = Probe()
        proto.keep_open_on_eof = True

        async def main():
            fd, _, _ = await read_pipe(proto)
            os.write(fd, b"last")
            os.close(fd)
            await until(proto.is_lost)
            await settle()

        self.run_async(main())
        self.assertEqual(proto.shape(), ["connection_made", "data_received", "eof_received", "connection_lost"])
        self.assertIsNone(proto.lost_with)

    @statement("pipes.read.close")
    def test_read_close(self) -> None:
        proto = Probe()

        async def main():
            fd, transport, r = await read_pipe(proto)
            transport.close()
            closing = transport.is_closing()
            reading = transport.is_reading()
            os.write(fd, b"after close")
            transport.close()
            transport.pause_reading()
            transport.resume_reading()
            await until(proto.is_lost)
            await settle()
            os.close(fd)
            return {"closing": closing, "reading": reading, "closed": r.closed}

        self.assertEqual(self.run_async(main()), {"closing": True, "reading": False, "closed": True})
        self.assertEqual(proto.events, ["connection_made", "connection_lost"])
        self.assertIsNone(proto.lost_with)

    @statement("pipes.read.error")
    def test_read_error(self) -> None:
        # A read error on a pipe-like descriptor: the master side of a pty whose slave side is closed
        # reads EIO (the TypeScript test destroys its stream with an EIO error).
        proto = Probe()

        async def main():
            master, slave = os.openpty()
            os.close(slave)
            await asyncio.get_running_loop().connect_read_pipe(lambda: proto, open(master, "rb", buffering=0))
            await until(proto.is_lost)
            await settle()

        self.capture_exceptions()
        self.run_async(main())
        self.assertEqual(error_name(proto.lost_with), "OSError")
        self.assertEqual(proto.lost_with.errno, errno.EIO)
        self.assertEqual(proto.count("connection_lost"), 1)
        self.assertEqual(proto.after_lost(), [])

    @statement("pipes.read.pause")
    def test_read_pause(self) -> None:
        proto = Probe()

        async def main():
            fd, transport, _ = await read_pipe(proto)
            os.write(fd, b"one ")
            transport.pause_reading()
            transport.pause_reading()  # idempotent
            reading = transport.is_reading()
            os.write(fd, b"two ")
            os.write(fd, b"three")
            os.close(fd)
            await settle()
            during = proto.text()
            transport.resume_reading()
            transport.resume_reading()
            await until(proto.is_lost)
            return {"reading": reading, "during": during, "after": proto.text()}

        self.assertEqual(self.run_async(main()), {"reading": False, "during": "", "after": "one two three"})
        self.assertEqual(proto.shape(), ["connection_made", "data_received", "eof_received", "connection_lost"])

    @statement("pipes.extra-info.pipe")
    def test_extra_info_pipe(self) -> None:
        async def main():
            fd, rt, r = await read_pipe(Probe())
            rr, wt, w = await write_pipe(Probe())
            out = [rt.get_extra_info("pipe") is r, wt.get_extra_info("pipe") is w, rt.get_extra_info("no-such-name", "dflt")]
            rt.close()
            wt.close()
            await settle(0)
            os.close(fd)
            rr.close()
            return out

        self.assertEqual(self.run_async(main()), [True, True, "dflt"])

    @statement("pipes.write.made-first")
    def test_write_made_first(self) -> None:
        proto = Probe()

        async def main():
            r, transport, _ = await write_pipe(proto)
            seen = list(proto.events)
            sink = await drain(r)
            transport.write(b"out")
            transport.write_eof()
            await until(sink.is_lost)
            transport.close()
            await until(proto.is_lost)
            await settle()
            return seen, sink.text()

        self.assertEqual(self.run_async(main()), (["connection_made"], "out"))
        self.assertEqual(proto.events, ["connection_made", "connection_lost"])
        self.assertIsNone(proto.lost_with)

    @statement("pipes.write.close-flushes")
    def test_write_close_flushes(self) -> None:
        proto = Probe()
        total = 1024 * 1024 + 3
        everything = pattern(total)

        async def main():
            r, transport, _ = await write_pipe(proto)
            for i in range(0, total, 7_000):
                transport.write(everything[i : i + 7_000])
            transport.close()
            transport.write(b"dropped")  # after close(): dropped, not an error
            closing = transport.is_closing()
            sink = await drain(r)
            await until(lambda: proto.is_lost() and sink.is_lost())
            return closing, b"".join(sink.received)

        closing, got = self.run_async(main())
        self.assertTrue(closing)
        self.assertEqual(got, everything, "every byte written before close(), in order")
        self.assertEqual([e for e in proto.events if not e.endswith("_writing")], ["connection_made", "connection_lost"])
        self.assertIsNone(proto.lost_with)

    @statement("pipes.write.abort")
    def test_write_abort(self) -> None:
        proto = Probe()

        async def main():
            r, transport, w = await write_pipe(proto)
            transport.write(b"maybe")
            transport.abort()
            closing = transport.is_closing()
            transport.write(b"dropped")
            transport.abort()
            transport.close()
            await until(proto.is_lost)
            await settle()
            r.close()
            return {"closing": closing, "closed": w.closed}

        # CPython schedules _call_connection_lost once per abort(): the second call fails inside the
        # loop (its protocol is already None) and reaches the exception handler; keep it out of the log.
        self.capture_exceptions()
        self.assertEqual(self.run_async(main()), {"closing": True, "closed": True})
        self.assertEqual(proto.events, ["connection_made", "connection_lost"])
        self.assertIsNone(proto.lost_with)

    @statement("pipes.write.write-eof")
    def test_write_eof(self) -> None:
        proto = Probe()

        async def main():
            r, transport, _ = await write_pipe(proto)
            sink = await drain(r)
            transport.write(b"all ")
            transport.write(b"of it")
            can = transport.can_write_eof()
            transport.write_eof()
            closing = transport.is_closing()
            try:
                transport.write(b"more")
                error = "dropped"
            except Exception as e:  # noqa: BLE001
                error = error_name(e)
            await until(lambda: sink.is_lost() and proto.is_lost())
            return {"can": can, "closing": closing, "error": error, "text": sink.text()}

        self.assertEqual(
            self.run_async(main()), {"can": True, "closing": True, "error": "dropped", "text": "all of it"}
        )
        self.assertEqual(proto.events, ["connection_made", "connection_lost"], "write_eof closes the write pipe")
        self.assertIsNone(proto.lost_with)

    @statement("pipes.write.flow-control")
    def test_write_flow_control(self) -> None:
        proto = Probe()

        async def main():
            r, w = pipe_files()
            os.set_blocking(w.fileno(), False)
            os.set_blocking(r.fileno(), False)
            # Fill the pipe first, so that every write below stays in the transport's buffer.
            while True:
                try:
                    os.write(w.fileno(), b"f" * 4096)
                except BlockingIOError:
                    break
            transport, _ = await asyncio.get_running_loop().connect_write_pipe(lambda: proto, w)
            transport.set_write_buffer_limits(4000, 1000)
            sizes = []
            proto.pause_writing = lambda: (proto.events.append("pause_writing"), sizes.append(transport.get_write_buffer_size()))
            proto.resume_writing = lambda: (proto.events.append("resume_writing"), sizes.append(transport.get_write_buffer_size()))
            before = []
            for _ in range(5):
                transport.write(bytes(1000))
                before.append(proto.count("pause_writing"))
            while proto.count("resume_writing") == 0:
                try:
                    os.read(r.fileno(), 65536)
                except BlockingIOError:
                    await asyncio.sleep(0.001)
            transport.close()
            await until(proto.is_lost)
            r.close()
            return before, sizes

        before, sizes = self.run_async(main())
        self.assertEqual(before, [0, 0, 0, 0, 1], "paused inside the write that went above 4000")
        self.assertGreater(sizes[0], 4000)
        self.assertLessEqual(sizes[1], 1000, "resumed at or below the low mark")
        self.assertEqual(proto.events, ["connection_made", "pause_writing", "resume_writing", "connection_lost"])

    @statement("pipes.write.broken-pipe")
    def test_write_broken_pipe(self) -> None:
        proto = Probe()

        async def main():
            r, transport, _ = await write_pipe(proto)
            r.close()  # the reader is gone
            for _ in range(200):
                if proto.is_lost():
                    break
                transport.write(bytes(64 * 1024))
                await settle(0.005)
            await until(proto.is_lost)

        self.capture_exceptions()
        self.run_async(main())
        self.assertEqual(error_name(proto.lost_with), "BrokenPipeError")
        self.assertEqual(proto.lost_with.errno, errno.EPIPE)
        self.assertEqual(proto.count("connection_lost"), 1)


class MethodsForAllTransports(TwinCase):
    @statement("pipes.protocol.set")
    def test_protocol_set(self) -> None:
        first, second = Probe(), Probe()

        async def main():
            fd, transport, _ = await read_pipe(first)
            before = transport.get_protocol() is first
            transport.set_protocol(second)
            second.transport = transport
            os.write(fd, b"for the second")
            os.close(fd)
            await until(second.is_lost)
            return before, second.protocol_at_lost is second

        self.assertEqual(self.run_async(main()), (True, True))
        self.assertEqual(second.text(), "for the second")
        self.assertEqual(first.events, ["connection_made"])


class Timing(TwinCase):
    @statement("pipes.close.next-iteration")
    def test_close_next_iteration(self) -> None:
        async def main():
            loop = asyncio.get_running_loop()
            it = 0
            ticking = True

            def tick():
                nonlocal it
                it += 1
                if ticking:
                    loop.call_soon(tick)

            loop.call_soon(tick)
            out = {}
            ends = []
            for how in ("read close", "close", "write_eof", "abort"):
                proto = Probe()
                lost_at = -1
                record = proto.connection_lost

                def lost(exc, record=record):
                    nonlocal lost_at
                    lost_at = it
                    record(exc)

                proto.connection_lost = lost
                r, w = pipe_files()
                ends += [r, w]
                if how == "read close":
                    t, _ = await loop.connect_read_pipe(lambda proto=proto: proto, r)
                else:
                    t, _ = await loop.connect_write_pipe(lambda proto=proto: proto, w)
                await settle(0.005)
                at = it
                if how == "read close":
                    t.close()
                else:
                    getattr(t, how)()
                synchronous = lost_at != -1
                await until(lambda: lost_at != -1)
                out[how] = (synchronous, lost_at - at)
            ticking = False
            for end in ends:
                end.close()
            return out

        got = self.run_async(main())
        for how in ("read close", "close", "write_eof", "abort"):
            synchronous, later = got[how]
            self.assertFalse(synchronous, f"{how}: connection_lost is not called inside it")
            self.assertLessEqual(later, 1, f"{how}: connection_lost comes in the next iteration")

    @statement("pipes.read.lost-after-eof")
    def test_lost_after_eof(self) -> None:
        proto = Probe()
        at = {}

        async def main():
            loop = asyncio.get_running_loop()
            it = 0
            ticking = True

            def tick():
                nonlocal it
                it += 1
                if ticking:
                    loop.call_soon(tick)

            loop.call_soon(tick)
            eof, lost = proto.eof_received, proto.connection_lost

            def on_eof():
                at["eof"] = it
                return eof()

            def on_lost(exc):
                at["lost"] = it
                lost(exc)

            proto.eof_received, proto.connection_lost = on_eof, on_lost
            fd, _, _ = await read_pipe(proto)
            os.write(fd, b"last")
            os.close(fd)
            await until(proto.is_lost)
            ticking = False

        self.run_async(main())
        self.assertEqual(at["lost"], at["eof"], "connection_lost in the iteration of eof_received")
        self.assertEqual(proto.shape(), ["connection_made", "data_received", "eof_received", "connection_lost"])
