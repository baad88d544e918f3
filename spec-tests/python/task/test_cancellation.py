"""Twins of spec-tests/tests/task/cancellation.test.ts (PEP 3156 § Tasks, § Futures)."""

import asyncio

from twinlib import TwinCase, error_name, statement


class Cancellation(TwinCase):
    @statement("task.cancel.throws-in")
    def test_throws_in(self) -> None:
        seen = []
        f = self.loop.create_future()

        async def body():
            try:
                await f
            except asyncio.CancelledError as error:
                seen.append(error_name(error))
                raise

        task = self.loop.create_task(body())
        self.loop.call_later(0.002, task.cancel)
        with self.assertRaises(asyncio.CancelledError):
            self.loop.run_until_complete(task)
        self.assertEqual(seen, ["CancelledError"])
        self.assertTrue(task.cancelled())

    @statement("task.cancel.before-start")
    def test_before_start(self) -> None:
        ran = []

        async def body():
            ran.append(True)

        task = self.loop.create_task(body())
        self.assertTrue(task.cancel())
        with self.assertRaises(asyncio.CancelledError):
            self.loop.run_until_complete(task)
        self.assertEqual(ran, [])
        self.assertTrue(task.cancelled())

    @statement("task.cancel.caught-continues")
    def test_caught_continues(self) -> None:
        async def body():
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                pass
            await asyncio.sleep(0)
            return "carried on"

        task = self.loop.create_task(body())
        self.loop.call_later(0.002, task.cancel)
        self.assertEqual(self.loop.run_until_complete(task), "carried on")
        self.assertFalse(task.cancelled())

        async def returns_at_once():
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                pass
            return "returned at once"

        second = self.loop.create_task(returns_at_once())
        self.loop.call_later(0.002, second.cancel)
        self.assertEqual(self.loop.run_until_complete(second), "returned at once")
        self.assertFalse(second.cancelled())

    @statement("task.cancel.returns")
    def test_returns(self) -> None:
        gate = self.loop.create_future()

        async def body():
            await gate
            return 1

        running = self.loop.create_task(body())
        right_after = []

        def cancel():
            right_after.append(running.cancel())
            right_after.append(running.cancelled())

        self.loop.call_later(0.002, cancel)
        with self.assertRaises(asyncio.CancelledError):
            self.loop.run_until_complete(running)
        self.assertEqual(right_after, [True, False])

        async def quick():
            return 2

        done = self.loop.create_task(quick())
        self.loop.run_until_complete(done)
        self.assertFalse(done.cancel())

    @statement("task.cancel.cancels-awaited")
    def test_cancels_awaited(self) -> None:
        inner = self.loop.create_future()

        async def child():
            await inner

        child_task = self.loop.create_task(child())

        async def parent():
            await child_task

        parent_task = self.loop.create_task(parent())
        self.loop.call_later(0.002, parent_task.cancel)
        with self.assertRaises(asyncio.CancelledError):
            self.loop.run_until_complete(parent_task)
        self.assertTrue(inner.cancelled())
        self.assertTrue(child_task.cancelled())
        self.assertTrue(parent_task.cancelled())

    @statement("task.cancelled-error.ends-cancelled")
    def test_ends_cancelled(self) -> None:
        other = self.loop.create_future()
        other.cancel()

        async def body():
            await other

        task = self.loop.create_task(body())
        with self.assertRaises(asyncio.CancelledError):
            self.loop.run_until_complete(task)
        self.assertTrue(task.cancelled())

    @statement("task.cancel.first-message")
    def test_first_message(self) -> None:
        gate = self.loop.create_future()
        seen = []

        async def body():
            try:
                await gate
            except asyncio.CancelledError as error:
                seen.append(f"{error_name(error)}: {error}")
            return "went on"

        task = self.loop.create_task(body())

        def cancel_twice():
            task.cancel("first")
            task.cancel("second")
            seen.append(f"cancelling={task.cancelling()}")

        self.loop.call_soon(cancel_twice)
        self.assertEqual(self.loop.run_until_complete(task), "went on")
        self.assertEqual(seen, ["cancelling=2", "CancelledError: first"])
        self.assertTrue(gate.cancelled())

    @statement("task.cancelling.count")
    def test_cancelling_count(self) -> None:
        f = self.loop.create_future()
        counts = []
        box = []

        async def body():
            try:
                await f
            except asyncio.CancelledError:
                pass
            counts.append(box[0].cancelling())
            counts.append(box[0].uncancel())
            return "went on"

        task = self.loop.create_task(body())
        box.append(task)
        counts.append(task.cancelling())

        def cancel_twice():
            task.cancel()
            counts.append(task.cancelling())
            task.cancel()
            counts.append(task.cancelling())

        self.loop.call_soon(cancel_twice)
        self.assertEqual(self.loop.run_until_complete(task), "went on")
        self.assertEqual(counts, [0, 1, 2, 2, 1])
        self.assertFalse(task.cancelled())
