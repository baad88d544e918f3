"""Twins of spec-tests/tests/task/contract.test.ts (PEP 3156 § Tasks, § The Scheduler; asyncio 3.11's
cancelling()/uncancel())."""

import asyncio

from twinlib import TwinCase, error_name, new_event_loop, statement


def with_message(error: BaseException) -> str:
    return f"{error_name(error)}{' with a message' if str(error) else ''}"


class Contract(TwinCase):
    @statement("task.yield.foreign-loop")
    def test_yield_foreign_loop(self) -> None:
        other = new_event_loop()
        try:
            foreign = other.create_future()

            async def body():
                try:
                    await foreign
                    return "no error"
                except RuntimeError as error:
                    return with_message(error)

            self.assertEqual(self.loop.run_until_complete(body()), "RuntimeError with a message")
            self.assertFalse(foreign.done())
        finally:
            other.close()

    @statement("task.yield.self")
    def test_yield_self(self) -> None:
        me = []

        async def body():
            await asyncio.sleep(0)
            try:
                await me[0]
                return "no error"
            except RuntimeError as error:
                return with_message(error)

        me.append(self.loop.create_task(body()))
        self.assertEqual(self.loop.run_until_complete(me[0]), "RuntimeError with a message")

    @statement("task.cancel.message")
    def test_cancel_message(self) -> None:
        f = self.loop.create_future()
        inside = []

        async def body():
            try:
                await f
            except asyncio.CancelledError as error:
                inside.append(str(error))
                raise

        task = self.loop.create_task(body())
        self.loop.call_soon(task.cancel, "stop now")
        with self.assertRaises(asyncio.CancelledError) as caught:
            self.loop.run_until_complete(task)
        self.assertEqual(str(caught.exception), "stop now")
        self.assertEqual(inside, ["stop now"])
        self.assertTrue(task.cancelled())
        with self.assertRaises(asyncio.CancelledError):
            task.result()

    @statement("task.cancel.message-before-start")
    def test_cancel_message_before_start(self) -> None:
        ran = []

        async def body():
            ran.append(True)

        task = self.loop.create_task(body())
        self.assertTrue(task.cancel("too late"))
        self.assertEqual(task.cancelling(), 1)
        with self.assertRaises(asyncio.CancelledError) as caught:
            self.loop.run_until_complete(task)
        self.assertEqual(str(caught.exception), "too late")
        self.assertEqual(ran, [])
        self.assertTrue(task.cancelled())

    @statement("task.set-result.refused")
    def test_set_result_refused(self) -> None:
        async def body():
            await asyncio.sleep(0)
            return "its own result"

        task = self.loop.create_task(body())
        with self.assertRaises(RuntimeError):
            task.set_result("forced")
        with self.assertRaises(RuntimeError):
            task.set_exception(ValueError("forced"))
        self.assertFalse(task.done())
        self.assertEqual(self.loop.run_until_complete(task), "its own result")

    @statement("task.step.already-done")
    def test_step_already_done(self) -> None:
        seen = self.capture_exceptions()
        steps = []

        async def body(name, gate=None):
            steps.append(f"{name} started")
            if gate is not None:
                await gate
            await asyncio.sleep(0)
            steps.append(f"{name} resumed")
            return "own"

        early_coro = body("early")
        early = self.loop.create_task(early_coro)
        asyncio.Future.set_result(early, "forced")
        self.assertEqual(early.result(), "forced")
        gate = self.loop.create_future()
        waiting = self.loop.create_task(body("waiting", gate))
        self.run_for(0)
        boom = OverflowError("forced")
        asyncio.Future.set_exception(waiting, boom)
        gate.set_result(None)
        self.run_for(0)
        early_coro.close()  # never started: close it so it is not reported as never awaited
        self.assertEqual(steps, ["waiting started"])
        self.assertIs(waiting.exception(), boom)
        self.assertEqual(len(seen), 2)
        for context in seen:
            self.assertEqual(error_name(context["exception"]), "InvalidStateError")
            self.assertEqual(sorted(context), ["exception", "handle", "message"])

    @statement("task.name.default-unique")
    def test_name_default_unique(self) -> None:
        async def body():
            pass

        tasks = [self.loop.create_task(body()) for _ in range(3)]
        names = [t.get_name() for t in tasks]
        self.assertEqual(len(set(names)), 3)
        self.loop.run_until_complete(tasks[2])

    @statement("task.get-coro")
    def test_get_coro(self) -> None:
        async def body():
            return 7

        coro = body()
        task = self.loop.create_task(coro)
        self.assertIs(task.get_coro(), coro)
        self.assertEqual(self.loop.run_until_complete(task), 7)

    @statement("task.current.other-loop")
    def test_current_other_loop(self) -> None:
        other = new_event_loop()
        try:
            seen = []

            async def body():
                await asyncio.sleep(0)
                seen.extend([asyncio.current_task(self.loop), asyncio.current_task(other)])

            task = self.loop.create_task(body())
            self.loop.run_until_complete(task)
            self.assertIs(seen[0], task)
            self.assertIsNone(seen[1])
        finally:
            other.close()

    @statement("task.all.per-loop")
    def test_all_per_loop(self) -> None:
        other = new_event_loop()
        try:
            gate = self.loop.create_future()

            async def waits():
                await gate

            async def quick():
                pass

            pending = self.loop.create_task(waits())
            finished = self.loop.create_task(quick())
            foreign = other.create_task(quick())
            self.loop.run_until_complete(finished)
            everything = asyncio.all_tasks(self.loop)
            self.assertIn(pending, everything)
            self.assertNotIn(finished, everything)
            self.assertNotIn(foreign, everything)
            gate.set_result(None)
            self.loop.run_until_complete(pending)
            self.assertNotIn(pending, asyncio.all_tasks(self.loop))
            other.run_until_complete(foreign)
        finally:
            other.close()

    @statement("task.uncancel.floor")
    def test_uncancel_floor(self) -> None:
        async def body():
            await asyncio.sleep(0)
            return "done"

        task = self.loop.create_task(body())
        self.assertEqual(task.uncancel(), 0)
        self.loop.run_until_complete(task)
        self.assertEqual(task.uncancel(), 0)

        async def twice():
            try:
                await asyncio.sleep(0)
                await asyncio.sleep(0)
            except asyncio.CancelledError as error:
                return error_name(error)
            return "not cancelled"

        other = self.loop.create_task(twice())

        def cancel_twice_withdraw_once():
            other.cancel()
            other.cancel()
            other.uncancel()

        self.loop.call_soon(cancel_twice_withdraw_once)
        self.assertEqual(self.loop.run_until_complete(other), "CancelledError")

    @statement("task.cancel.kept-until-delivered")
    def test_cancel_kept_until_delivered(self) -> None:
        async def body():
            try:
                await asyncio.sleep(0)
                await asyncio.sleep(0)
            except asyncio.CancelledError as error:
                return error_name(error)
            return "not cancelled"

        task = self.loop.create_task(body())
        self.loop.call_soon(task.cancel)
        self.assertEqual(self.loop.run_until_complete(task), "CancelledError")

    @statement("task.create.type-error")
    def test_create_type_error(self) -> None:
        for bad in (42, None, "text"):
            with self.assertRaises(TypeError):
                self.loop.create_task(bad)  # type: ignore[arg-type]
        self.assertEqual(len(asyncio.all_tasks(self.loop)), 0)
