"""Twins of spec-tests/tests/scheduler/task-group.test.ts (asyncio 3.11 TaskGroup)."""

import asyncio

from twinlib import TwinCase, error_name, statement


class BodyError(Exception):
    pass


class TaskGroupCase(TwinCase):
    @statement("scheduler.task-group.parent-count")
    def test_parent_count(self) -> None:
        async def main():
            task = asyncio.current_task()
            out = []

            async def fail(name):
                await asyncio.sleep(0)
                raise KeyError(name)

            try:
                async with asyncio.TaskGroup() as tg:
                    tg.create_task(fail("a"))
                    tg.create_task(fail("b"))
                    await asyncio.sleep(1)
            except BaseExceptionGroup as eg:
                out.append(sorted(e.args[0] for e in eg.exceptions))
            out.append(task.cancelling())
            try:
                async with asyncio.timeout(0.002):
                    await asyncio.sleep(1)
            except TimeoutError as e:
                out.append(error_name(e))
            out.append(task.cancelling())
            return out

        self.assertEqual(self.run_async(main()), [["a", "b"], 0, "TimeoutError", 0])

    @statement("scheduler.task-group.body-error")
    def test_body_error(self) -> None:
        log = []

        async def main():
            out = []

            async def child(name, delay, fail=False):
                try:
                    await asyncio.sleep(delay)
                    if fail:
                        raise KeyError(name)
                except asyncio.CancelledError:
                    log.append(f"{name} cancelled")
                    raise

            try:
                async with asyncio.TaskGroup() as tg:
                    tg.create_task(child("slow", 1))
                    await asyncio.sleep(0)
                    raise BodyError("body")
            except BaseExceptionGroup as eg:
                out += ["AggregateError", [error_name(e) for e in eg.exceptions]]
            try:
                async with asyncio.TaskGroup() as tg:
                    tg.create_task(child("bad", 0, True))
                    tg.create_task(child("slow2", 1))
                    try:
                        await asyncio.sleep(1)
                    except asyncio.CancelledError:
                        raise BodyError("body")
            except BaseExceptionGroup as eg:
                out.append([error_name(e) for e in eg.exceptions])
            out.append(asyncio.current_task().cancelling())
            return out

        self.assertEqual(self.run_async(main()), ["AggregateError", ["BodyError"], ["KeyError", "BodyError"], 0])
        self.assertEqual(log, ["slow cancelled", "slow2 cancelled"])

    @statement("scheduler.task-group.parent-cancelled")
    def test_parent_cancelled(self) -> None:
        loop = self.loop
        log = []
        handled = self.capture_exceptions()

        async def main():
            async def child(name):
                try:
                    await asyncio.sleep(1)
                except asyncio.CancelledError:
                    log.append(f"{name} cancelled")
                    await asyncio.sleep(0)
                    log.append(f"{name} done")
                    raise

            async def in_body():
                try:
                    async with asyncio.TaskGroup() as tg:
                        tg.create_task(child("a"))
                        await asyncio.sleep(1)
                except asyncio.CancelledError as e:
                    log.append(f"parent {error_name(e)} {asyncio.current_task().cancelling()}")
                    raise

            async def in_join():
                async with asyncio.TaskGroup() as tg:
                    tg.create_task(child("b"))
                log.append("not reached")

            out = []
            for parent in (in_body, in_join):
                t = loop.create_task(parent())
                await asyncio.sleep(0)
                await asyncio.sleep(0)
                t.cancel()
                try:
                    await t
                except asyncio.CancelledError:
                    out.append(t.cancelled())
            for _ in range(3):
                await asyncio.sleep(0)
            return out

        self.assertEqual(self.run_async(main()), [True, True])
        self.assertEqual(log, ["a cancelled", "a done", "parent CancelledError 1", "b cancelled", "b done"])
        self.assertEqual(handled, [])

    @statement("scheduler.task-group.create-task")
    def test_create_task(self) -> None:
        loop = self.loop

        async def main():
            out = []
            async with asyncio.TaskGroup() as tg:

                async def spawner():
                    await asyncio.sleep(0)
                    out.append(await tg.create_task(asyncio.sleep(0, "late child")))

                tg.create_task(spawner())
            late = asyncio.sleep(0)
            try:
                tg.create_task(late)
            except RuntimeError as e:
                out.append(f"after exit: {error_name(e)}")
            late.close()

            async def fail():
                raise KeyError("x")

            try:
                async with asyncio.TaskGroup() as tg2:
                    tg2.create_task(fail())
                    try:
                        await asyncio.sleep(1)
                    except asyncio.CancelledError:
                        late2 = asyncio.sleep(0)
                        try:
                            tg2.create_task(late2)
                        except RuntimeError as e2:
                            out.append(f"shutting down: {error_name(e2)}")
                        late2.close()
                        raise
            except BaseExceptionGroup:
                out.append("AggregateError")
            outcome = loop.create_future()

            def outside():
                enter = asyncio.TaskGroup().__aenter__()
                try:
                    enter.send(None)
                    outcome.set_result("no error")
                except RuntimeError as e:
                    outcome.set_result(error_name(e))

            loop.call_soon(outside)
            out.append(f"outside a task: {await outcome}")
            return out

        self.assertEqual(
            self.run_async(main()),
            [
                "late child",
                "after exit: RuntimeError",
                "shutting down: RuntimeError",
                "AggregateError",
                "outside a task: RuntimeError",
            ],
        )
