"""Twins of spec-tests/tests/task/basics.test.ts (PEP 3156 § Tasks, § Coroutines, § The Scheduler).

A bare `yield` of a TypeScript generator coroutine is `await asyncio.sleep(0)` here.
"""

import asyncio
import types

from twinlib import TwinCase, error_name, statement


@types.coroutine
def bare_yield(value):
    """Yields `value` itself to the task, as a TypeScript coroutine's `yield value` does."""
    return (yield value)


class Basics(TwinCase):
    @statement("task.future.is")
    def test_future_is(self) -> None:
        async def body():
            await asyncio.sleep(0)
            return "returned"

        task = self.loop.create_task(body())
        self.assertIsInstance(task, asyncio.Future)
        for m in ("cancel", "cancelled", "done", "result", "exception", "add_done_callback",
                  "remove_done_callback", "get_loop"):
            self.assertTrue(callable(getattr(task, m)), m)
        self.assertEqual(self.loop.run_until_complete(task), "returned")
        self.assertTrue(task.done())
        self.assertEqual(task.result(), "returned")

    @statement("task.result.exception")
    def test_result_exception(self) -> None:
        boom = SyntaxError("boom")

        async def body():
            await asyncio.sleep(0)
            raise boom

        task = self.loop.create_task(body())
        with self.assertRaises(SyntaxError) as caught:
            self.loop.run_until_complete(task)
        self.assertIs(caught.exception, boom)
        self.assertIs(task.exception(), boom)

    @statement("task.start.not-synchronous")
    def test_start_not_synchronous(self) -> None:
        steps = []

        async def body():
            steps.append("body started")

        coro = body()
        self.assertEqual(steps, [])
        task = self.loop.create_task(coro)
        self.assertEqual(steps, [])
        self.loop.run_until_complete(task)
        self.assertEqual(steps, ["body started"])

    @statement("task.resume.through-loop")
    def test_resume_through_loop(self) -> None:
        order = []
        f = self.loop.create_future()

        async def waiter():
            await f
            order.append("task resumed")

        task = self.loop.create_task(waiter())

        def complete():
            f.set_result(None)
            order.append("completer")
            self.loop.call_soon(order.append, "scheduled before the wake-up ran")

        self.loop.call_later(0.002, complete)
        self.loop.run_until_complete(task)
        self.assertEqual(order[0], "completer")
        self.assertIn("task resumed", order)

    @statement("task.sleep-zero.one-iteration")
    def test_sleep_zero_one_iteration(self) -> None:
        order = []

        async def counter(name):
            for i in range(3):
                order.append(f"{name}{i}")
                await asyncio.sleep(0)

        async def main():
            await asyncio.gather(counter("a"), counter("b"))

        self.run_async(main())
        self.assertEqual(order, ["a0", "b0", "a1", "b1", "a2", "b2"])

    @statement("task.yield.bad")
    def test_yield_bad(self) -> None:
        async def body():
            try:
                await bare_yield(42)
                return "no error"
            except RuntimeError as error:
                return error_name(error)

        self.assertEqual(self.loop.run_until_complete(body()), "RuntimeError")

    @statement("task.yield.future-like")
    def test_yield_future_like(self) -> None:
        loop = self.loop

        class FutureLike:
            """Another implementation's future: asyncio's duck type, by delegation."""

            _asyncio_future_blocking = False

            def __init__(self):
                self._inner = loop.create_future()

            def get_loop(self):
                return loop

            def done(self):
                return self._inner.done()

            def result(self):
                return self._inner.result()

            def set_result(self, value):
                self._inner.set_result(value)

            def add_done_callback(self, fn, *, context=None):
                self._inner.add_done_callback(lambda _f: fn(self), context=context)

            def cancel(self, msg=None):
                return self._inner.cancel(msg)

            def __await__(self):
                if not self.done():
                    self._asyncio_future_blocking = True
                    yield self
                return self.result()

        like = FutureLike()

        async def waits():
            return (await like) + 1

        task = loop.create_task(waits())
        loop.call_soon(like.set_result, 41)
        self.assertEqual(loop.run_until_complete(task), 42)

        class Partial:
            pass

        # (The TypeScript test also yields null; Python's None is the bare yield, TypeScript's undefined.)
        for what, value in (("no future protocol", Partial()), ("a number", 42)):
            async def body(value=value):
                try:
                    await bare_yield(value)
                    return "no error"
                except RuntimeError as error:
                    return error_name(error)

            t = loop.create_task(body())
            self.run_for(0.002)
            self.assertTrue(t.done(), what)
            self.assertEqual(t.result(), "RuntimeError", what)

    @statement("task.name.get-set")
    def test_name_get_set(self) -> None:
        async def body():
            pass

        a = self.loop.create_task(body())
        b = self.loop.create_task(body(), name="worker")
        self.assertIsInstance(a.get_name(), str)
        self.assertGreater(len(a.get_name()), 0)
        self.assertEqual(b.get_name(), "worker")
        b.set_name("renamed")
        self.assertEqual(b.get_name(), "renamed")
        self.run_for(0.002)

    @statement("task.current.get")
    def test_current_get(self) -> None:
        in_callback = []
        in_task = []
        between_steps = []
        self.loop.call_soon(lambda: in_callback.append(asyncio.current_task(self.loop)))

        async def body():
            self.loop.call_soon(lambda: between_steps.append(asyncio.current_task(self.loop)))
            await asyncio.sleep(0)
            in_task.append(asyncio.current_task(self.loop))

        task = self.loop.create_task(body())
        self.loop.run_until_complete(task)
        self.assertEqual(in_callback, [None])
        self.assertEqual(in_task, [task])
        self.assertEqual(between_steps, [None])
        self.assertIsNone(asyncio.current_task(self.loop))
        with self.assertRaises(RuntimeError):
            asyncio.current_task()

    @statement("task.all.pending")
    def test_all_pending(self) -> None:
        gate = self.loop.create_future()

        async def body():
            await gate

        task = self.loop.create_task(body())
        self.assertIn(task, asyncio.all_tasks(self.loop))
        gate.set_result(None)
        self.loop.run_until_complete(task)
