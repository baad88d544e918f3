"""Twins of spec-tests/tests/subprocess/protocol-order.test.ts (PEP 3156 § Subprocess Protocol,
§ Pipes and Subprocesses). The child is ``sys.executable -c …`` where the TypeScript test runs
``node -e …``."""

import asyncio
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _procs import Rec, until  # noqa: E402
from twinlib import TwinCase, error_name, statement  # noqa: E402

PY = sys.executable


class SubprocessProtocol(TwinCase):
    @statement("subprocess.protocol.order")
    def test_order(self) -> None:
        rec = Rec()

        async def main():
            loop = asyncio.get_running_loop()
            transport, proto = await loop.subprocess_exec(
                lambda: rec, PY, "-c", "import sys; sys.stdout.write('out'); sys.stderr.write('err')"
            )
            first = list(proto.events)
            await until(rec.is_lost, 5)
            return [proto is rec, first, transport.get_returncode()]

        self.assertEqual(self.run_async(main()), [True, ["connection_made"], 0])
        ev = rec.events
        self.assertEqual(sorted(e for e in ev if e.startswith("lost")), ["lost0", "lost1", "lost2"], "each pipe lost once")
        self.assertEqual(ev.count("exited"), 1, "process_exited once")
        self.assertEqual(ev[-1], "connection_lost:None", "connection_lost last")
        for fd in (1, 2):
            last_data = max(i for i, e in enumerate(ev) if e == f"data{fd}")
            self.assertLess(last_data, ev.index(f"lost{fd}"), f"data on {fd} before its loss")
        self.assertEqual(rec.out, {1: "out", 2: "err"})

    @statement("subprocess.shell.runs")
    def test_shell_runs(self) -> None:
        rec = Rec()

        async def main():
            loop = asyncio.get_running_loop()
            transport, _ = await loop.subprocess_shell(lambda: rec, "echo shell-$((6*7)); exit 3")
            await until(rec.is_lost, 5)
            return transport.get_returncode()

        self.assertEqual([self.run_async(main()), rec.out[1]], [3, "shell-42\n"])

    @statement("subprocess.stdin.pipe")
    def test_stdin_pipe(self) -> None:
        rec = Rec()

        async def main():
            loop = asyncio.get_running_loop()
            transport, _ = await loop.subprocess_exec(
                lambda: rec, PY, "-c", "import sys; sys.stdout.write(sys.stdin.read().upper())"
            )
            stdin = transport.get_pipe_transport(0)
            stdin.write(b"hello ")
            stdin.write(b"child")
            stdin.write_eof()
            await until(rec.is_lost, 5)

        self.run_async(main())
        self.assertEqual(rec.out[1], "HELLO CHILD")

    @statement("subprocess.stderr.merge")
    def test_stderr_merge(self) -> None:
        rec = Rec()

        async def main():
            loop = asyncio.get_running_loop()
            transport, _ = await loop.subprocess_exec(
                lambda: rec, PY, "-c", "import sys; sys.stderr.write('E')", stderr=subprocess.STDOUT
            )
            await until(rec.is_lost, 5)
            return transport.get_pipe_transport(2)

        pipe2 = self.run_async(main())
        self.assertEqual([pipe2, rec.out[1], rec.out[2]], [None, "E", ""])
        self.assertEqual(sorted(e for e in rec.events if e.startswith("lost")), ["lost0", "lost1"])


class SubprocessTransports(TwinCase):
    @statement("subprocess.transport.signals")
    def test_signals(self) -> None:
        rec = Rec()

        async def main():
            loop = asyncio.get_running_loop()
            transport, _ = await loop.subprocess_exec(lambda: rec, PY, "-c", "import time; time.sleep(5)")
            pid = transport.get_pid()
            before = transport.get_returncode()
            transport.terminate()
            await until(rec.is_lost, 5)
            try:
                transport.kill()
                after = "no error"
            except Exception as error:  # noqa: BLE001
                after = error_name(error)
            transport.close()
            return [isinstance(pid, int) and pid > 0, before, transport.get_returncode(), after]

        self.assertEqual(self.run_async(main()), [True, None, -15, "ProcessLookupError"])

    @statement("subprocess.exec.not-found")
    def test_not_found(self) -> None:
        async def main():
            loop = asyncio.get_running_loop()
            try:
                await loop.subprocess_exec(Rec, "/nonexistent/pep3156-no-such-program")
                return "no error"
            except Exception as error:  # noqa: BLE001
                return error_name(error)

        self.assertEqual(self.run_async(main()), "FileNotFoundError")


class Timing(TwinCase):
    @statement("subprocess.protocol.lost-same-iteration")
    def test_lost_same_iteration(self) -> None:
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
            out = []
            for code in ("", "import sys; sys.stdout.write('out'); sys.stderr.write('err')"):
                rec = Rec()
                at = []
                lost_at = -1

                def wrap(original):
                    def called(*args):
                        at.append(it)
                        original(*args)

                    return called

                rec.pipe_connection_lost = wrap(rec.pipe_connection_lost)
                rec.process_exited = wrap(rec.process_exited)
                lost = rec.connection_lost

                def on_lost(exc, lost=lost):
                    nonlocal lost_at
                    lost_at = it
                    lost(exc)

                rec.connection_lost = on_lost
                await loop.subprocess_exec(lambda rec=rec: rec, PY, "-c", code)
                await until(lambda: lost_at != -1, 5)
                out.append((max(at), lost_at, len(at)))
            ticking = False
            return out

        for last, lost, calls in self.run_async(main()):
            self.assertEqual(calls, 4, "three pipe losses and the exit")
            self.assertEqual(lost, last, "connection_lost in the iteration of the last other call")
