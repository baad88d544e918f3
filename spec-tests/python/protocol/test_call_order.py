"""Twins of spec-tests/tests/protocol/call-order.test.ts (PEP 3156 § Stream Protocols)."""

from _net import Recorder, listen, remove_unix_paths, unix_path, until
from twinlib import TwinCase, error_name, statement


class CallOrder(TwinCase):
    def tearDown(self) -> None:
        super().tearDown()
        remove_unix_paths()

    @statement("protocol.order.tcp")
    def test_order_tcp(self) -> None:
        loop = self.loop
        client = Recorder()

        async def main():
            server, port, accepted = await listen(loop)
            transport, _ = await loop.create_connection(lambda: client, "127.0.0.1", port)
            transport.write(b"hello")
            transport.write_eof()
            await until(loop, lambda: len(accepted) == 1 and "connection_lost" in accepted[0].events)
            await until(loop, lambda: "connection_lost" in client.events)
            server.close()
            return accepted

        accepted = self.run_async(main())
        peer = accepted[0]
        self.assertEqual(peer.shape(), ["connection_made", "data_received", "eof_received", "connection_lost"])
        self.assertEqual(peer.text(), "hello")
        self.assertIsNone(peer.lost_with)
        self.assertEqual(client.shape()[0], "connection_made")
        self.assertEqual(client.events.count("connection_lost"), 1)
        self.assertEqual(client.events[-1], "connection_lost")

    @statement("protocol.create-connection.after-made")
    def test_create_connection_after_made(self) -> None:
        loop = self.loop
        client = Recorder()

        async def main():
            server, port, _ = await listen(loop)
            transport, protocol = await loop.create_connection(lambda: client, "127.0.0.1", port)
            events = list(client.events)
            transport.close()
            await until(loop, lambda: "connection_lost" in client.events)
            server.close()
            return events, protocol is client

        self.assertEqual(self.run_async(main()), (["connection_made"], True))

    @statement("protocol.factory.per-connection")
    def test_factory_per_connection(self) -> None:
        loop = self.loop

        async def main():
            server, port, accepted = await listen(loop)
            transports = []
            for _ in range(3):
                t, _p = await loop.create_connection(Recorder, "127.0.0.1", port)
                transports.append(t)
            await until(loop, lambda: len(accepted) == 3)
            for t in transports:
                t.close()
            server.close()
            return len({id(p) for p in accepted})

        self.assertEqual(self.run_async(main()), 3)

    @statement("protocol.eof-received.keep-open")
    def test_eof_received_keep_open(self) -> None:
        loop = self.loop
        client = Recorder()

        def keeping() -> Recorder:
            r = Recorder()
            r.keep_open_on_eof = True
            return r

        async def main():
            server, port, accepted = await listen(loop, keeping)
            transport, _ = await loop.create_connection(lambda: client, "127.0.0.1", port)
            transport.write_eof()
            await until(loop, lambda: len(accepted) == 1 and "eof_received" in accepted[0].events)
            peer = accepted[0]
            peer.transport.write(b"still here")
            peer.transport.close()
            await until(loop, lambda: "connection_lost" in client.events)
            server.close()
            return client.text()

        self.assertEqual(self.run_async(main()), "still here")

    @statement("protocol.connect.refused")
    def test_connect_refused(self) -> None:
        loop = self.loop

        async def main():
            server, port, _ = await listen(loop)
            server.close()
            await server.wait_closed()
            try:
                await loop.create_connection(Recorder, "127.0.0.1", port)
                return "connected"
            except Exception as error:  # noqa: BLE001
                return error_name(error)

        self.assertEqual(self.run_async(main()), "ConnectionRefusedError")

    @statement("protocol.callback-error.isolated")
    def test_callback_error_isolated(self) -> None:
        loop = self.loop
        contexts = self.capture_exceptions()
        n = [0]

        def factory() -> Recorder:
            r = Recorder()
            if n[0] == 0:

                def data_received(_data):
                    raise ValueError("bad data")  # RangeError in the TypeScript test

                r.data_received = data_received
            n[0] += 1
            return r

        async def main():
            server, port, accepted = await listen(loop, factory)
            t1, _ = await loop.create_connection(Recorder, "127.0.0.1", port)
            await until(loop, lambda: len(accepted) == 1)
            t2, _ = await loop.create_connection(Recorder, "127.0.0.1", port)
            await until(loop, lambda: len(accepted) == 2)
            t1.write(b"x")
            await until(loop, lambda: "connection_lost" in accepted[0].events)
            t2.write(b"fine")
            await until(loop, lambda: accepted[1].text() == "fine")
            second_events = list(accepted[1].events)  # before this test closes it
            t2.close()
            server.close()
            return accepted[0], second_events

        first, second_events = self.run_async(main())
        self.assertGreaterEqual(len(contexts), 1)
        self.assertEqual(error_name(contexts[0].get("exception")), "ValueError")
        self.assertIs(contexts[0].get("protocol"), first)
        self.assertEqual(error_name(first.lost_with), "ValueError")
        self.assertNotIn("connection_lost", second_events)

    @statement("protocol.order.unix")
    def test_order_unix(self) -> None:
        loop = self.loop
        path = unix_path()
        accepted: list[Recorder] = []
        client = Recorder()

        def factory() -> Recorder:
            r = Recorder()
            accepted.append(r)
            return r

        async def main():
            server = await loop.create_unix_server(factory, path)
            t, _ = await loop.create_unix_connection(lambda: client, path)
            t.write(b"unix")
            t.write_eof()
            await until(loop, lambda: len(accepted) == 1 and "connection_lost" in accepted[0].events)
            await until(loop, lambda: "connection_lost" in client.events)
            server.close()

        self.run_async(main())
        self.assertEqual(
            accepted[0].shape(), ["connection_made", "data_received", "eof_received", "connection_lost"]
        )
        self.assertEqual(accepted[0].text(), "unix")

    @statement("transport.extra-info.unix")
    def test_extra_info_unix(self) -> None:
        loop = self.loop
        path = unix_path()
        accepted: list[Recorder] = []

        def factory() -> Recorder:
            r = Recorder()
            accepted.append(r)
            return r

        async def main():
            server = await loop.create_unix_server(factory, path)
            t, _ = await loop.create_unix_connection(Recorder, path)
            await until(loop, lambda: len(accepted) == 1 and accepted[0].transport is not None)
            st = accepted[0].transport
            result = {
                "client": [t.get_extra_info("sockname"), t.get_extra_info("peername")],
                "server": [st.get_extra_info("sockname"), st.get_extra_info("peername")],
            }
            t.close()
            await until(loop, lambda: "connection_lost" in accepted[0].events)
            server.close()
            await server.wait_closed()
            return result

        self.assertEqual(self.run_async(main()), {"client": ["", path], "server": [path, ""]})
