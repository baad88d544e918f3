"""Twins of spec-tests/tests/scheduler/wait-for.test.ts (PEP 3156 § Waiting for Multiple Coroutines)."""

import asyncio

from twinlib import TwinCase, error_name, statement


class WaitFor(TwinCase):
    @statement("scheduler.wait-for.zero-timeout")
    def test_zero_timeout(self) -> None:
        async def main():
            out = []
            started = []

            async def body():
                started.append("body")
                return "value"

            for t in (0, -1):
                try:
                    await asyncio.wait_for(body(), t)
                    out.append("no error")
                except TimeoutError as e:
                    out.append(error_name(e))
            out.append(len(started))
            done = self.loop.create_future()
            done.set_result("ready")
            out.append(await asyncio.wait_for(done, 0))

            async def stubborn():
                try:
                    await asyncio.sleep(10)
                except asyncio.CancelledError:
                    return "swallowed"
                return "slept"

            task = self.loop.create_task(stubborn())
            await asyncio.sleep(0)
            out.append(await asyncio.wait_for(task, 0))
            return out

        self.assertEqual(self.run_async(main()), ["TimeoutError", "TimeoutError", 0, "ready", "swallowed"])

    @statement("scheduler.wait-for.timeout-cause")
    def test_timeout_cause(self) -> None:
        async def main():
            task = asyncio.current_task()
            out = []
            for t in (0.002, 0):
                try:
                    await asyncio.wait_for(self.loop.create_future(), t)
                except TimeoutError as e:
                    out += [error_name(e), error_name(e.__cause__), task.cancelling()]
            try:
                await asyncio.wait_for(asyncio.sleep(10), 0.002)
            except TimeoutError as e:
                out.append(error_name(e))
            return out

        self.assertEqual(
            self.run_async(main()),
            ["TimeoutError", "CancelledError", 0, "TimeoutError", "CancelledError", 0, "TimeoutError"],
        )

    @statement("scheduler.wait-for.cancel-waits")
    def test_cancel_waits(self) -> None:
        log = []

        async def main():
            async def inner():
                try:
                    await asyncio.sleep(10)
                except asyncio.CancelledError:
                    log.append("inner cancelled")
                    for _ in range(3):
                        await asyncio.sleep(0)
                    log.append("inner cleaned up")
                    raise

            inner_task = self.loop.create_task(inner())

            async def outer():
                try:
                    await asyncio.wait_for(inner_task, 10)
                except BaseException as e:
                    log.append(f"outer {error_name(e)}, inner done {str(inner_task.done()).lower()}")
                    raise

            outer_task = self.loop.create_task(outer())
            await asyncio.sleep(0)
            await asyncio.sleep(0)
            outer_task.cancel()
            try:
                await outer_task
            except asyncio.CancelledError as e:
                log.append(error_name(e))
            return [outer_task.cancelled(), inner_task.cancelled()]

        self.assertEqual(self.run_async(main()), [True, True])
        self.assertEqual(
            log,
            ["inner cancelled", "inner cleaned up", "outer CancelledError, inner done true", "CancelledError"],
        )
