"""Twins of spec-tests/tests/protocol/callback-errors.test.ts (PEP 3156 § Stream Protocols).

An exception raised by a stream protocol callback goes to the loop's exception handler and closes
that transport with connection_lost(error); other connections to the same server never notice. (connection_made and pause_writing are
reference-level statements: CPython reports their exceptions but leaves the transport open.)
"""

from _net import TCP, Buffered, Probe, until
from twinlib import TwinCase, error_name, statement


class CallbackErrors(TwinCase):
    def isolated(self, bad, provoke):
        """Two clients on one TCP server; the first accepted end is ``bad``; ``provoke(t1)`` makes
        the first client trigger the raising callback, then the second connection must still work."""
        loop = self.loop
        contexts = self.capture_exceptions()
        n = [0]

        def factory():
            n[0] += 1
            return bad if n[0] == 1 else Probe()

        async def main():
            listener = await TCP.listen(loop, factory)
            client = Probe()
            t1 = await listener.connect(client)
            await until(loop, lambda: len(listener.accepted) == 1)
            t2 = await listener.connect(Probe())
            await until(loop, lambda: len(listener.accepted) == 2)
            other = listener.accepted[1]
            provoke(t1)
            await until(loop, lambda: bad.is_lost() and client.is_lost())
            t2.write(b"fine")
            await until(loop, lambda: other.text() == "fine")
            other_alive = not other.is_lost()
            t2.close()
            await until(loop, other.is_lost)
            listener.stop()
            return {"other_alive": other_alive, "client_lost": client.is_lost()}

        got = self.run_async(main())
        return {"contexts": contexts, "bad": bad, "bad_transport": bad.transport, **got}

    def expect_isolated(self, o, error) -> None:
        self.assertEqual(len(o["contexts"]), 1, "the exception handler was called once")
        context = o["contexts"][0]
        self.assertIs(context.get("exception"), error, "context exception")
        self.assertIs(context.get("protocol"), o["bad"], "context protocol")
        if o["bad_transport"] is not None:
            self.assertIs(context.get("transport"), o["bad_transport"], "context transport")
        else:
            self.assertIsNotNone(context.get("transport"), "context transport")
        self.assertIs(o["bad"].lost_with, error, "connection_lost gets the error")
        self.assertEqual(o["bad"].count("connection_lost"), 1, "connection_lost once")
        self.assertTrue(o["client_lost"], "the connection was closed")
        self.assertTrue(o["other_alive"], "the other connection did not notice")

    @statement("protocol.callback-error.lost-next-iteration")
    def test_lost_next_iteration(self) -> None:
        loop = self.loop
        self.capture_exceptions()
        order = []
        bad = Probe()

        def data_received(_data):
            def soon():
                order.append("soon from the callback")
                loop.call_soon(order.append, "one iteration later")

            loop.call_soon(soon)
            raise ValueError("bad data")  # RangeError in the TypeScript test

        def connection_lost(exc):
            bad.events.append("connection_lost")
            bad.lost_with = exc
            order.append(f"connection_lost({error_name(exc)})")

        bad.data_received = data_received
        bad.connection_lost = connection_lost

        async def main():
            listener = await TCP.listen(loop, lambda: bad)
            client = Probe()
            t = await listener.connect(client)
            await until(loop, lambda: bad.transport is not None)
            t.write(b"x")
            await until(loop, lambda: bad.is_lost() and client.is_lost())
            listener.stop()

        self.run_async(main())
        self.assertEqual(order[:3], ["soon from the callback", "connection_lost(ValueError)", "one iteration later"])

    @statement("protocol.callback-error.eof-received")
    def test_eof_received(self) -> None:
        boom = ValueError("eof")
        bad = Probe()

        def eof_received():
            bad.events.append("eof_received")
            raise boom

        bad.eof_received = eof_received
        self.expect_isolated(self.isolated(bad, lambda t: t.write_eof()), boom)

    @statement("protocol.callback-error.get-buffer")
    def test_get_buffer(self) -> None:
        boom = ValueError("no buffer")
        bad = Buffered()

        def get_buffer(_hint):
            bad.events.append("get_buffer")
            raise boom

        bad.get_buffer = get_buffer
        self.expect_isolated(self.isolated(bad, lambda t: t.write(b"data")), boom)
        self.assertNotIn("buffer_updated", bad.events)

    @statement("protocol.callback-error.get-buffer-empty")
    def test_get_buffer_empty(self) -> None:
        bad = Buffered()
        bad.buffer = bytearray(0)
        o = self.isolated(bad, lambda t: t.write(b"data"))
        self.expect_isolated(o, o["contexts"][0].get("exception") if o["contexts"] else None)
        self.assertEqual(error_name(bad.lost_with), "RuntimeError")
        self.assertNotIn("buffer_updated", bad.events)

    @statement("protocol.callback-error.buffer-updated")
    def test_buffer_updated(self) -> None:
        boom = ValueError("updated")
        bad = Buffered()

        def buffer_updated(_n):
            bad.events.append("buffer_updated")
            raise boom

        bad.buffer_updated = buffer_updated
        self.expect_isolated(self.isolated(bad, lambda t: t.write(b"data")), boom)
        self.assertEqual(bad.count("buffer_updated"), 1, "no further buffer_updated after the error")

    @statement("protocol.callback-error.connection-lost")
    def test_connection_lost(self) -> None:
        boom = ValueError("lost")
        bad = Probe()

        def connection_lost(exc):
            bad.events.append("connection_lost")
            bad.lost_with = exc
            raise boom

        bad.connection_lost = connection_lost
        o = self.isolated(bad, lambda t: t.close())
        self.assertEqual(len(o["contexts"]), 1, "the exception handler was called once")
        self.assertIs(o["contexts"][0].get("exception"), boom)
        self.assertEqual(bad.count("connection_lost"), 1, "connection_lost once")
        self.assertIsNone(bad.lost_with, "a clean close")
        self.assertTrue(o["other_alive"])
