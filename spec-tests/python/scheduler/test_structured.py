"""Twins of spec-tests/tests/scheduler/structured.test.ts (asyncio 3.11 TaskGroup and timeout)."""

import asyncio

from twinlib import TwinCase, error_name, statement


class Structured(TwinCase):
    @statement("scheduler.task-group.waits-all")
    def test_waits_all(self) -> None:
        async def main():
            async with asyncio.TaskGroup() as tg:
                a = tg.create_task(asyncio.sleep(0.003, "a"))
                b = tg.create_task(asyncio.sleep(0.001, "b"))
            return [a.result(), b.result()]

        self.assertEqual(self.run_async(main()), ["a", "b"])

    @statement("scheduler.task-group.failure-cancels")
    def test_failure_cancels(self) -> None:
        async def failing():
            await asyncio.sleep(0.001)
            raise ValueError("bad child")

        async def main():
            slow = None
            try:
                async with asyncio.TaskGroup() as tg:
                    slow = tg.create_task(asyncio.sleep(5))
                    tg.create_task(failing())
                return ["no error", slow.cancelled()]
            except BaseExceptionGroup as eg:
                return [",".join(error_name(e) for e in eg.exceptions), slow.cancelled()]

        self.assertEqual(self.run_async(main()), ["ValueError", True])

    @statement("scheduler.timeout.expires")
    def test_timeout_expires(self) -> None:
        async def main():
            out = []
            try:
                async with asyncio.timeout(0.005):
                    await asyncio.sleep(5)
                out.append("no error")
            except TimeoutError as e:
                out.extend([error_name(e), error_name(e.__cause__)])
            try:
                async with asyncio.timeout(0.005):
                    await asyncio.sleep(5)
                out.append("no error")
            except TimeoutError as e:
                out.append(error_name(e))
            return out

        self.assertEqual(self.run_async(main()), ["TimeoutError", "CancelledError", "TimeoutError"])

    @statement("scheduler.timeout.in-time")
    def test_timeout_in_time(self) -> None:
        async def main():
            async with asyncio.timeout(1):
                return await asyncio.sleep(0.001, "in time")

        self.assertEqual(self.run_async(main()), "in time")

    @statement("scheduler.timeout.reschedule")
    def test_reschedule(self) -> None:
        loop = self.loop

        async def main():
            outcome = []
            async with asyncio.timeout(0.002) as late:
                late.reschedule(loop.time() + 5)
                value = await asyncio.sleep(0.01, "moved later")
            outcome += [value, late.expired()]
            soon = asyncio.timeout(5)
            try:
                async with soon:
                    soon.reschedule(loop.time() + 0.002)
                    await asyncio.sleep(5)
                outcome.append("no error")
            except TimeoutError as e:
                outcome.append(error_name(e))
            outcome.append(soon.expired())
            async with asyncio.timeout(0.002) as none:
                none.reschedule(None)
                outcome.append(await asyncio.sleep(0.01, "no deadline"))
            return outcome

        self.assertEqual(self.run_async(main()), ["moved later", False, "TimeoutError", True, "no deadline"])
