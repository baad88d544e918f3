# Subprocess exits and signals: a child ended by terminate() has returncode -15, and its protocol
# still sees every pipe lost, process_exited once, then connection_lost(None); signalling it after
# that raises ProcessLookupError. A shell command's exit status is its returncode; with stderr merged
# into stdout there is no pipe 2; a program that does not exist raises FileNotFoundError.
import asyncio
import subprocess
import sys


class Rec(asyncio.SubprocessProtocol):
    def __init__(self):
        self.events, self.out = [], ""

    def connection_made(self, transport):
        self.events.append("connection_made")

    def pipe_data_received(self, fd, data):
        self.out += data.decode()

    def pipe_connection_lost(self, fd, exc):
        self.events.append(f"lost{fd}")

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


def done(rec):
    return rec.events[-1].startswith("connection_lost")


def shape(rec):
    # pipes are lost in host order: sort them, keep the rest in place
    lost = sorted(e for e in rec.events if e.startswith("lost"))
    rest = [e for e in rec.events if not e.startswith("lost")]
    return f"{rest[0]}, {' '.join(lost)}, {', '.join(rest[1:])}"


async def main():
    loop = asyncio.get_running_loop()
    rec = Rec()
    t, _ = await loop.subprocess_exec(lambda: rec, sys.executable, "-c", "import time; time.sleep(5)")
    print(f"pid is a positive int: {isinstance(t.get_pid(), int) and t.get_pid() > 0}")
    print(f"returncode before: {t.get_returncode()}")
    t.terminate()
    await until(lambda: done(rec))
    print(f"returncode after terminate: {t.get_returncode()}")
    print(f"terminated: {shape(rec)}")
    for name in ("send_signal", "terminate", "kill"):
        try:
            getattr(t, name)(*((15,) if name == "send_signal" else ()))
            print(f"{name} after exit: no error")
        except ProcessLookupError:
            print(f"{name} after exit: ProcessLookupError")
    t.close()

    shell = Rec()
    st, _ = await loop.subprocess_shell(lambda: shell, "echo shell-$((6*7)); exit 3")
    await until(lambda: done(shell))
    print(f"shell: returncode {st.get_returncode()}, out {shell.out!r}")

    merged = Rec()
    mt, _ = await loop.subprocess_exec(
        lambda: merged, sys.executable, "-c", "import sys; sys.stderr.write('E')", stderr=subprocess.STDOUT
    )
    await until(lambda: done(merged))
    print(f"merged: pipe 2 {mt.get_pipe_transport(2)}, out {merged.out!r}, {shape(merged)}")

    try:
        await loop.subprocess_exec(Rec, "/nonexistent/pep3156-no-such-program")
        print("not found: no error")
    except FileNotFoundError:
        print("not found: FileNotFoundError")


asyncio.run(main())
