# Subprocess protocol order: connection_made first (before subprocess_exec resolves);
# pipe_data_received(fd, ...) for stdout and stderr, each pipe's pipe_connection_lost(fd, None) once
# and after its data; process_exited once; connection_lost(None) last, after the exit and every
# pipe. The order of the two output pipes against each other is host timing: each fd prints its own
# calls. The child echoes its stdin, upper-cased, then exits with status 3.
import asyncio
import sys

CHILD = "import sys; s = sys.stdin.read(); sys.stdout.write(s.upper()); sys.stdout.flush(); sys.stderr.write('err'); sys.exit(3)"


class Rec(asyncio.SubprocessProtocol):
    def __init__(self):
        self.events = []
        self.out = {1: "", 2: ""}

    def connection_made(self, transport):
        self.events.append("connection_made")

    def pipe_data_received(self, fd, data):
        self.out[fd] += data.decode()
        if self.events[-1] != f"data{fd}":
            self.events.append(f"data{fd}")

    def pipe_connection_lost(self, fd, exc):
        self.events.append(f"lost{fd} {exc}")

    def process_exited(self):
        self.events.append("process_exited")

    def connection_lost(self, exc):
        self.events.append(f"connection_lost {exc}")


async def until(condition):
    for _ in range(5000):
        if condition():
            return
        await asyncio.sleep(0.001)
    raise RuntimeError("condition not met")


async def main():
    loop = asyncio.get_running_loop()
    rec = Rec()
    transport, _ = await loop.subprocess_exec(lambda: rec, sys.executable, "-c", CHILD)
    print(f"made before resolving: {rec.events}")
    print(f"returncode while running: {transport.get_returncode()}")
    stdin = transport.get_pipe_transport(0)
    stdin.write(b"to the child")
    stdin.write_eof()
    await until(lambda: rec.events[-1].startswith("connection_lost"))
    ev = rec.events
    for fd in (0, 1, 2):
        print(f"fd {fd}: {', '.join(e for e in ev if e.endswith(str(fd)) or e.startswith(f'lost{fd}'))}")
    print(f"fd 1 got: {rec.out[1]}")
    print(f"fd 2 got: {rec.out[2]}")
    print(f"process_exited: {ev.count('process_exited')} time(s)")
    last_data = max(i for i, e in enumerate(ev) if e.startswith("data"))
    print(f"connection_lost last: {ev[-1]}, after process_exited: {ev.index('process_exited') < len(ev) - 1}")
    print(f"every pipe lost before connection_lost: {all(ev.index(f'lost{fd} None') < len(ev) - 1 for fd in (0, 1, 2))}")
    print(f"data before its pipe was lost: {all(max(i for i, e in enumerate(ev) if e == f'data{fd}') < ev.index(f'lost{fd} None') for fd in (1, 2))}")
    print(f"returncode: {transport.get_returncode()}")
    transport.close()
    try:
        transport.kill()
        print("kill after exit: no error")
    except ProcessLookupError:
        print("kill after exit: ProcessLookupError")
    del last_data


asyncio.run(main())
