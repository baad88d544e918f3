"""Twins of spec-tests/tests/scheduler/outcomes.test.ts (PEP 3156 § Waiting for Multiple Coroutines)."""

import asyncio

from twinlib import TwinCase, statement


class Outcomes(TwinCase):
    @statement("scheduler.outcome.exception-passes")
    def test_exception_passes(self) -> None:
        loop = self.loop

        def failing(error):
            f = loop.create_future()
            loop.call_soon(f.set_exception, error)
            return f

        via_shield = TypeError("through shield")
        via_wait_for = ValueError("through wait_for")
        via_as_completed = SyntaxError("through as_completed")

        async def shielded():
            return await asyncio.shield(failing(via_shield))

        async def waited():
            return await asyncio.wait_for(failing(via_wait_for), 5)

        async def completed():
            last = 0
            for nxt in asyncio.as_completed([failing(via_as_completed)]):
                last = await nxt
            return last

        for coro, expected in ((shielded(), via_shield), (waited(), via_wait_for), (completed(), via_as_completed)):
            try:
                self.run_async(coro)
                self.fail("no error")
            except Exception as e:  # noqa: BLE001
                self.assertIs(e, expected)

    @statement("scheduler.outcome.result-passes")
    def test_result_passes(self) -> None:
        loop = self.loop

        def later(value):
            f = loop.create_future()
            loop.call_later(0.001, f.set_result, value)
            return f

        async def everything():
            a = await asyncio.shield(later("shielded"))
            b = await asyncio.wait_for(later("waited"), 5)
            c = []
            for nxt in asyncio.as_completed([later("x"), later("y")]):
                c.append(await nxt)
            return [a, b, sorted(c)]

        self.assertEqual(self.run_async(everything()), ["shielded", "waited", ["x", "y"]])
