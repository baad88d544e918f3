"""Twins of spec-tests/tests/subprocess/process.test.ts (asyncio.subprocess: create_subprocess_exec,
Process). The child is ``sys.executable -c …`` where the TypeScript test runs ``node -e …``."""

import asyncio
import sys

from twinlib import TwinCase, statement

CHILD_UPPER = (
    "import sys; s = sys.stdin.read(); sys.stdout.write(s.upper()); sys.stderr.write('e'); sys.exit(4)"
)


class Process(TwinCase):
    @statement("subprocess.process.communicate")
    def test_communicate(self) -> None:
        async def main():
            proc = await asyncio.create_subprocess_exec(
                sys.executable,
                "-c",
                CHILD_UPPER,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
            )
            out, err = await proc.communicate(b"to the child")
            return [out.decode(), err.decode(), proc.returncode, type(proc.pid).__name__]

        self.assertEqual(self.run_async(main()), ["TO THE CHILD", "e", 4, "int"])

    @statement("subprocess.process.streams")
    def test_streams(self) -> None:
        async def main():
            proc = await asyncio.create_subprocess_shell(
                "echo one; echo two; exit 2", stdout=asyncio.subprocess.PIPE
            )
            lines = []
            while True:
                line = await proc.stdout.readline()
                if not line:
                    break
                lines.append(line.decode())
            code = await proc.wait()
            return [lines, code, proc.stdin, proc.stderr, isinstance(proc.stdout, asyncio.StreamReader)]

        self.assertEqual(self.run_async(main()), [["one\n", "two\n"], 2, None, None, True])

    @statement("subprocess.process.kill")
    def test_kill(self) -> None:
        async def main():
            proc = await asyncio.create_subprocess_exec(sys.executable, "-c", "import time; time.sleep(5)")
            proc.kill()
            return await proc.wait()

        self.assertEqual(self.run_async(main()), -9)
