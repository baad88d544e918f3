"""Twins of spec-tests/tests/pipes/creation.test.ts (PEP 3156 § Pipes and Subprocesses: creation).

Python pipes are file objects (here from os.pipe()); Node's are streams or descriptors."""

import asyncio
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _pipes import Probe, pipe_files, until  # noqa: E402
from twinlib import TwinCase, error_name, statement  # noqa: E402


class Creation(TwinCase):
    @statement("pipes.create.arguments")
    def test_arguments(self) -> None:
        async def main():
            loop = asyncio.get_running_loop()
            r, w = pipe_files()
            # Python spells "not a pipe object" AttributeError (it has no fileno()); JavaScript TypeError.
            cases = {
                "read: a string": lambda: loop.connect_read_pipe(Probe, "not a pipe"),
                "read: an object": lambda: loop.connect_read_pipe(Probe, {}),
                "read: None": lambda: loop.connect_read_pipe(Probe, None),
                "read: factory": lambda: loop.connect_read_pipe(7, r),
                "write: a string": lambda: loop.connect_write_pipe(Probe, "not a pipe"),
                "write: None": lambda: loop.connect_write_pipe(Probe, None),
                "write: factory": lambda: loop.connect_write_pipe(7, w),
            }
            out = {}
            for what, call in cases.items():
                try:
                    t, _ = await call()
                    t.close()
                    out[what] = "created"
                except Exception as error:  # noqa: BLE001
                    out[what] = error_name(error)
            r.close()
            w.close()
            return out

        self.assertEqual(
            self.run_async(main()),
            {
                "read: a string": "AttributeError",
                "read: an object": "AttributeError",
                "read: None": "AttributeError",
                "read: factory": "TypeError",
                "write: a string": "AttributeError",
                "write: None": "AttributeError",
                "write: factory": "TypeError",
            },
        )

    @statement("pipes.create.fd-or-stream")
    def test_factory_once(self) -> None:
        calls = 0

        def counted(proto):
            def factory():
                nonlocal calls
                calls += 1
                return proto

            return factory

        async def main():
            loop = asyncio.get_running_loop()
            source_r, source_w = pipe_files()
            source_w.write(b"from a pipe")
            source_w.close()
            reader = Probe()
            rt, rp = await loop.connect_read_pipe(counted(reader), source_r)
            await until(reader.is_lost)
            target_r, target_w = pipe_files()
            writer = Probe()
            wt, wp = await loop.connect_write_pipe(counted(writer), target_w)
            wt.write(b"to a pipe")
            wt.close()
            await until(writer.is_lost)
            written = os.read(target_r.fileno(), 100)
            target_r.close()
            other_r, other_w = pipe_files()
            st, sp = await loop.connect_write_pipe(counted(Probe()), other_w)
            is_protocol = isinstance(sp, Probe)
            st.close()
            await asyncio.sleep(0)
            other_r.close()
            return [rp is reader, wp is writer, is_protocol, reader.text(), rt.is_closing(), written]

        self.assertEqual(self.run_async(main()), [True, True, True, "from a pipe", True, b"to a pipe"])
        self.assertEqual(calls, 3, "one factory call per pipe")
