"""Twins of spec-tests/tests/streams/flow-control.test.ts (PEP 3156 § Convenience Utilities, asyncio streams).

asyncio's StreamReader pauses its transport once more than 2 × limit bytes are buffered and resumes it
at limit or less.
"""

import asyncio

from _net import listen, until
from twinlib import TwinCase, statement


class RecordingTransport:
    """A stand-in transport that records the reader's flow-control calls (with ``when()`` if given)."""

    def __init__(self, calls: list, when=None) -> None:
        self.calls = calls
        self.when = when

    def record(self, what: str) -> None:
        self.calls.append(what if self.when is None else f"{self.when()}: {what}")

    def pause_reading(self) -> None:
        self.record("pause")

    def resume_reading(self) -> None:
        self.record("resume")


class FlowControl(TwinCase):
    @statement("streams.flow-control.pause-resume")
    def test_pause_resume(self) -> None:
        loop = self.loop

        async def main():
            calls = []
            r = asyncio.StreamReader(limit=4)
            r.set_transport(RecordingTransport(calls))
            r.feed_data(b"12345678")
            calls.append("8 buffered")
            r.feed_data(b"9")
            calls.append("9 buffered")
            r.feed_data(b"abc")
            await r.read(7)
            calls.append("5 left")
            await r.read(1)
            calls.append("4 left")
            await r.read(4)
            # 10 buffered (paused), then a read that needs more than is buffered must resume.
            r.feed_data(b"0123456789")
            calls.append("10 buffered")
            long = loop.create_task(r.readexactly(30))
            loop.call_soon(r.feed_data, bytes(20))
            n = len(await long)
            return [calls, n]

        self.assertEqual(
            self.run_async(main()),
            [
                # The 20 bytes fed to the waiting read pause the transport again until the read takes them.
                ["8 buffered", "pause", "9 buffered", "5 left", "resume", "4 left", "pause", "10 buffered",
                 "resume", "pause", "resume"],
                30,
            ],
        )

    @statement("streams.flow-control.bounded")
    def test_bounded(self) -> None:
        loop = self.loop
        limit = 16 * 1024
        total = 2 * 1024 * 1024
        pattern = bytes((i * 7) % 251 for i in range(251))
        payload = (pattern * (total // 251 + 1))[:total]

        async def main():
            server, port, accepted = await listen(loop)
            reader = asyncio.StreamReader(limit=limit)
            received = 0
            biggest = 0

            class Counting(asyncio.StreamReaderProtocol):
                def data_received(self, data):
                    nonlocal received, biggest
                    received += len(data)
                    biggest = max(biggest, len(data))
                    super().data_received(data)

            transport, _ = await loop.create_connection(lambda: Counting(reader, loop=loop), "127.0.0.1", port)
            await until(loop, lambda: len(accepted) == 1)
            peer = accepted[0]
            peer.transport.write(payload)
            # The consumer does not read until the reader has paused the transport.
            await until(loop, lambda: not transport.is_reading())
            paused_at = received
            consumed = 0
            worst = paused_at
            intact = True
            while consumed < total:
                chunk = await reader.readexactly(min(4096, total - consumed))
                if chunk != payload[consumed : consumed + len(chunk)]:
                    intact = False
                consumed += len(chunk)
                worst = max(worst, received - consumed)
            transport.close()
            server.close()
            return paused_at, worst, biggest, consumed, intact

        paused_at, worst, biggest, consumed, intact = self.run_async(main())
        self.assertEqual(consumed, total, "every byte arrived")
        self.assertTrue(intact, "in order and unchanged")
        self.assertGreater(paused_at, 2 * limit, "paused only above 2 × limit")
        self.assertLessEqual(worst, 2 * limit + biggest, "buffered at most 2 × limit plus one chunk")


class WaitingReadResumes(TwinCase):
    @statement("streams.flow-control.waiting-read-resumes")
    def test_waiting_read_resumes(self) -> None:
        loop = self.loop

        async def main():
            it = 0

            def tick():
                nonlocal it
                it += 1
                if it < 100:
                    loop.call_soon(tick)

            loop.call_soon(tick)
            log = []
            r = asyncio.StreamReader(limit=4)
            # A transport that delivers 3 bytes per iteration while reading is not paused.
            chunks = [b"abc"] * 10
            state = {"paused": False, "pumping": False}

            def pump():
                state["pumping"] = False
                if state["paused"] or not chunks:
                    return
                r.feed_data(chunks.pop(0))
                state["pumping"] = True
                loop.call_soon(pump)

            class Pumped:
                def pause_reading(self):
                    state["paused"] = True
                    log.append(f"{it}: pause")

                def resume_reading(self):
                    state["paused"] = False
                    log.append(f"{it}: resume")
                    if not state["pumping"]:
                        state["pumping"] = True
                        loop.call_soon(pump)

            r.set_transport(Pumped())
            loop.call_soon(pump)
            state["pumping"] = True
            data = await r.readexactly(30)
            log.append(f"{it}: got {len(data)}")
            return log

        expected = []
        for i in range(3, 11):
            expected += [f"{i}: pause", f"{i + 1}: resume"]
        self.assertEqual(self.run_async(main(), timeout=3), expected + ["11: got 30"])


class ReadAll(TwinCase):
    @statement("streams.flow-control.read-all")
    def test_read_all(self) -> None:
        loop = self.loop

        async def main():
            it = 0

            def tick():
                nonlocal it
                it += 1
                if it < 100:
                    loop.call_soon(tick)

            loop.call_soon(tick)
            log = []
            r = asyncio.StreamReader(limit=4)
            r.set_transport(RecordingTransport(log, lambda: it))

            async def step():
                f = loop.create_future()
                loop.call_soon(f.set_result, None)
                await f

            everything = loop.create_task(r.read())
            await step()
            for size in (3, 7, 12):
                log.append(f"{it}: feed {size}")
                r.feed_data(bytes(size))
                await step()
            log.append(f"{it}: eof")
            r.feed_eof()
            data = await everything
            log.append(f"{it}: got {len(data)}")
            return log

        print(self.run_async(main()))
