"""Twins of spec-tests/tests/server/create-connection.test.ts (PEP 3156 § Internet connections)."""

import asyncio
import socket

from _net import Recorder, free_port, listen, settle, until
from twinlib import TwinCase, error_name, statement


class CreateConnection(TwinCase):
    @statement("connect.arguments.errors")
    def test_arguments_errors(self) -> None:
        loop = self.loop
        f = Recorder

        async def main():
            server, port, _ = await listen(loop)
            unconnected = socket.socket()
            cases = {
                "sock with host": lambda: loop.create_connection(f, "127.0.0.1", port, sock=unconnected),
                "no host, no sock": lambda: loop.create_connection(f, None, None),
                "server_hostname without ssl": lambda: loop.create_connection(
                    f, "127.0.0.1", port, server_hostname="localhost"
                ),
                "timeout without ssl": lambda: loop.create_connection(f, "127.0.0.1", port, ssl_handshake_timeout=1),
                "ssl timeout 0": lambda: loop.create_connection(f, "127.0.0.1", port, ssl=True, ssl_handshake_timeout=0),
            }
            out = {}
            for what, call in cases.items():
                try:
                    t, _p = await call()
                    t.close()
                    out[what] = "connected"
                except Exception as error:  # noqa: BLE001
                    out[what] = error_name(error)
            unconnected.close()
            server.close()
            return out

        self.assertEqual(
            self.run_async(main()),
            {
                "sock with host": "ValueError",
                "no host, no sock": "ValueError",
                "server_hostname without ssl": "ValueError",
                "timeout without ssl": "ValueError",
                "ssl timeout 0": "ValueError",
            },
        )

    @statement("connect.family")
    def test_family(self) -> None:
        loop = self.loop

        async def main():
            server, port, _ = await listen(loop)
            t, _p = await loop.create_connection(Recorder, "127.0.0.1", port, family=socket.AF_INET)
            peer = len(t.get_extra_info("peername"))
            t.close()
            wrong = "connected"
            try:
                t2, _p = await loop.create_connection(Recorder, "127.0.0.1", port, family=socket.AF_INET6)
                t2.close()
            except Exception as error:  # noqa: BLE001
                wrong = [error_name(error), isinstance(error, OSError)]
            server.close()
            return [int(socket.AF_INET), int(socket.AF_INET6), peer, wrong]

        self.assertEqual(self.run_async(main()), [2, 10, 2, ["gaierror", True]])

    @statement("connect.local-addr.port")
    def test_local_addr_port(self) -> None:
        loop = self.loop

        async def main():
            server, port, accepted = await listen(loop)
            free = free_port()
            t, _p = await loop.create_connection(Recorder, "127.0.0.1", port, local_addr=("127.0.0.1", free))
            await until(loop, lambda: len(accepted) == 1)
            sockname = t.get_extra_info("sockname")
            seen = accepted[0].transport.get_extra_info("peername")
            t.close()
            server.close()
            return [sockname, seen, free]

        sockname, seen, free = self.run_async(main())
        self.assertEqual(tuple(sockname), ("127.0.0.1", free))
        self.assertEqual(tuple(seen), ("127.0.0.1", free), "the server sees the bound address")

    @statement("connect.cancel.no-leak")
    def test_cancel_no_leak(self) -> None:
        # The TypeScript test cancels the future createConnection returned, whose work began in the
        # call. A Python task cancelled before its first step never starts, so the twin cancels it
        # after 0 to 5 steps of the loop: wherever the connect is, nothing may stay open.
        loop = self.loop
        made: list[Recorder] = []

        def factory() -> Recorder:
            p = Recorder()
            made.append(p)
            return p

        async def main():
            server, port, accepted = await listen(loop)
            out = []
            for steps in range(6):
                pending = asyncio.ensure_future(loop.create_connection(factory, "127.0.0.1", port))
                for _ in range(steps):
                    await asyncio.sleep(0)
                cancelled = pending.cancel()
                try:
                    t, _p = await pending
                    t.close()  # it finished before the cancel: not the case under test
                    out.append("finished")
                except asyncio.CancelledError:
                    out.append(pending.cancelled() and cancelled)
            await settle(loop, 0.05)
            open_ = [p for p in accepted if "connection_lost" not in p.events]
            server.close()
            return out, len(open_)

        out, open_ = self.run_async(main())
        self.assertIn(True, out, "at least one create_connection was cancelled pending")
        self.assertEqual(open_, 0, "no connection left open on the server side")
        self.assertEqual([p for p in made if "connection_lost" not in p.events], [], "no protocol left connected")
