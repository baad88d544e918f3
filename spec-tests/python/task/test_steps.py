"""Twins of spec-tests/tests/task/steps.test.ts (PEP 3156 § Tasks, § Coroutines).

The async-function statements of that file are tsOnly (Python has one kind of coroutine).
"""

import asyncio

from twinlib import TwinCase, error_name, statement


class Steps(TwinCase):
    @statement("task.cancel.during-step")
    def test_cancel_during_step(self) -> None:
        box = []

        async def waits_after():
            box[0].cancel("from inside")
            try:
                await asyncio.sleep(30)
                return "slept"
            except asyncio.CancelledError as error:
                return f"{error_name(error)}: {error}"

        box.append(self.loop.create_task(waits_after()))
        self.assertEqual(self.loop.run_until_complete(box[0]), "CancelledError: from inside")

        other = []

        async def returns_after():
            other[0].cancel("then returned")
            return "returned"

        other.append(self.loop.create_task(returns_after()))
        with self.assertRaises(asyncio.CancelledError):
            self.loop.run_until_complete(other[0])
        self.assertTrue(other[0].cancelled())
        with self.assertRaises(asyncio.CancelledError) as caught:
            other[0].result()
        self.assertEqual(str(caught.exception), "then returned")

    @statement("task.cancelled-error.message")
    def test_cancelled_error_message(self) -> None:
        f = self.loop.create_future()

        async def body():
            try:
                await f
            except asyncio.CancelledError:
                raise asyncio.CancelledError("own reason")

        task = self.loop.create_task(body())
        self.loop.call_soon(f.cancel)
        with self.assertRaises(asyncio.CancelledError) as caught:
            self.loop.run_until_complete(task)
        self.assertTrue(task.cancelled())
        self.assertEqual(str(caught.exception), "own reason")
