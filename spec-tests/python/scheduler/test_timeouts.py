"""Twins of spec-tests/tests/scheduler/timeouts.test.ts (asyncio 3.11 timeout)."""

import asyncio

from twinlib import TwinCase, error_name, statement


class Timeouts(TwinCase):
    @statement("scheduler.timeout.swallowed")
    def test_swallowed(self) -> None:
        async def main():
            task = asyncio.current_task()
            out = []
            cm = asyncio.timeout(0.002)
            async with cm:
                try:
                    await asyncio.sleep(1)
                except asyncio.CancelledError as e:
                    out += [error_name(e), task.cancelling()]
            out += [cm.expired(), task.cancelling()]
            try:
                async with asyncio.timeout(0.002):
                    await asyncio.sleep(1)
            except TimeoutError as e:
                out += [error_name(e), error_name(e.__cause__)]
            return out

        self.assertEqual(self.run_async(main()), ["CancelledError", 1, True, 0, "TimeoutError", "CancelledError"])

    @statement("scheduler.timeout.states")
    def test_states(self) -> None:
        loop = self.loop

        async def main():
            out = []
            cm = asyncio.timeout(None)
            try:
                cm.reschedule(loop.time() + 1)
            except RuntimeError as e:
                out.append(f"before: {error_name(e)}")
            async with cm:
                out += [cm.expired(), cm.when()]
                try:
                    async with cm:
                        pass
                except RuntimeError as e:
                    out.append(f"twice: {error_name(e)}")
            try:
                cm.reschedule(None)
            except RuntimeError as e:
                out.append(f"after: {error_name(e)}")
            cm2 = asyncio.timeout(0)
            try:
                async with cm2:
                    await asyncio.sleep(1)
            except TimeoutError as e:
                out += [error_name(e), cm2.expired()]
            try:
                cm2.reschedule(None)
            except RuntimeError as e:
                out.append(f"expired: {error_name(e)}")
            return out

        self.assertEqual(
            self.run_async(main()),
            [
                "before: RuntimeError",
                False,
                None,
                "twice: RuntimeError",
                "after: RuntimeError",
                "TimeoutError",
                True,
                "expired: RuntimeError",
            ],
        )

    @statement("scheduler.timeout.other-cancel")
    def test_other_cancel(self) -> None:
        loop = self.loop

        async def main():
            out = []
            task = asyncio.current_task()

            async def both():
                try:
                    async with asyncio.timeout(0):
                        asyncio.current_task().cancel()
                        await asyncio.sleep(1)
                    return "no error"
                except (TimeoutError, asyncio.CancelledError) as e:
                    return f"{error_name(e)} {asyncio.current_task().cancelling()}"

            out.append(await loop.create_task(both()))
            try:
                async with asyncio.timeout(10):
                    try:
                        async with asyncio.timeout(0.002):
                            await asyncio.sleep(1)
                    except TimeoutError as e:
                        out.append(f"inner {error_name(e)} {task.cancelling()}")
                out.append("outer finished")
            except TimeoutError as e:
                out.append(f"outer {error_name(e)}")
            try:
                async with asyncio.timeout(0.002):
                    try:
                        async with asyncio.timeout(0.002):
                            await asyncio.sleep(1)
                    except TimeoutError:
                        out.append("inner of both converted")
                        await asyncio.sleep(1)
            except TimeoutError as e:
                out.append(f"outer of both {error_name(e)} {task.cancelling()}")
            return out

        self.assertEqual(
            self.run_async(main()),
            ["CancelledError 1", "inner TimeoutError 0", "outer finished", "outer of both TimeoutError 0"],
        )
