"""Twins of spec-tests/tests/sync/event.test.ts (PEP 3156 § Locks)."""

import asyncio

from twinlib import TwinCase, statement


class Event(TwinCase):
    @statement("sync.event.clear")
    def test_clear(self) -> None:
        async def main():
            ev = asyncio.Event()
            ev.set()
            ev.clear()
            w = asyncio.create_task(ev.wait())
            await asyncio.sleep(0.001)
            before = w.done()
            ev.set()
            r = await asyncio.wait_for(w, 1)
            return [before, r, ev.is_set()]

        self.assertEqual(self.run_async(main()), [False, True, True])
