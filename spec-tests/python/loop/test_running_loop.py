"""Twins of spec-tests/tests/loop/running-loop.test.ts (PEP 3156 § Event Loop Policy)."""

import asyncio

from twinlib import TwinCase, error_name, new_event_loop, statement


def probe(seen, where):
    try:
        seen.append((where, asyncio.get_running_loop()))
    except RuntimeError as e:
        seen.append((where, error_name(e)))


class RunningLoop(TwinCase):
    @statement("loop.running-loop.callbacks")
    def test_callbacks(self) -> None:
        loop = self.loop
        seen = []
        f = loop.create_future()
        f.add_done_callback(lambda _f: probe(seen, "done callback"))
        loop.call_soon(probe, seen, "callSoon")

        def timer():
            probe(seen, "timer")
            f.set_result(None)

        async def body():
            probe(seen, "task step")
            loop.call_later(0.001, timer)
            await f
            probe(seen, "task step after yield*")

        loop.run_until_complete(loop.create_task(body()))
        self.assertEqual(
            seen,
            [
                ("callSoon", loop),
                ("task step", loop),
                ("timer", loop),
                ("done callback", loop),
                ("task step after yield*", loop),
            ],
        )
        with self.assertRaises(RuntimeError):
            asyncio.get_running_loop()

    @statement("loop.running-loop.restored")
    def test_restored(self) -> None:
        loop = self.loop
        other = new_event_loop()
        try:
            seen = []
            loop.call_soon(lambda: seen.append(asyncio.get_running_loop() is loop))
            loop.run_until_complete(asyncio.sleep(0))
            other.call_soon(lambda: seen.append(asyncio.get_running_loop() is other))
            other.run_until_complete(asyncio.sleep(0))
            self.assertEqual(seen, [True, True])
            with self.assertRaises(RuntimeError):
                asyncio.get_running_loop()
        finally:
            other.close()
