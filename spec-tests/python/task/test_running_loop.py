"""Twins of the task section of spec-tests/tests/loop/running-loop.test.ts (PEP 3156 § Tasks)."""

import asyncio

from twinlib import TwinCase, statement


class RunningLoopInTasks(TwinCase):
    @statement("task.running-loop.async-function")
    def test_async_function(self) -> None:
        loop = self.loop
        seen = []
        task = None

        async def body():
            seen.extend([asyncio.get_running_loop() is loop, asyncio.current_task() is task])
            await asyncio.sleep(0)
            seen.extend([asyncio.get_running_loop() is loop, asyncio.current_task() is task])
            f = loop.create_future()
            loop.call_later(0.001, f.set_result, None)
            await f
            seen.extend([asyncio.get_running_loop() is loop, asyncio.current_task() is task])

        task = loop.create_task(body())
        loop.run_until_complete(task)
        self.assertEqual(seen, [True] * 6)
