"""Twins of spec-tests/tests/future/contract.test.ts (PEP 3156 § Futures)."""

import asyncio
import gc

from twinlib import TwinCase, statement


class Contract(TwinCase):
    @statement("future.errors.clear")
    def test_errors_clear(self) -> None:
        pending = self.loop.create_future()
        for call in (pending.result, pending.exception):
            with self.assertRaises(asyncio.InvalidStateError) as caught:
                call()
            self.assertTrue(str(caught.exception))
        with self.assertRaises(TypeError) as caught:
            pending.set_exception("not an error")  # type: ignore[arg-type]
        self.assertTrue(str(caught.exception))
        self.assertFalse(pending.done())
        pending.set_result(1)
        with self.assertRaises(asyncio.InvalidStateError):
            pending.set_result(2)
        with self.assertRaises(asyncio.InvalidStateError):
            pending.set_exception(ValueError("late"))
        self.assertEqual(pending.result(), 1)

    @statement("future.cancel.message")
    def test_cancel_message(self) -> None:
        with_message = self.loop.create_future()
        self.assertTrue(with_message.cancel("shutting down"))
        for call in (with_message.result, with_message.exception):
            with self.assertRaises(asyncio.CancelledError) as caught:
                call()
            self.assertEqual(str(caught.exception), "shutting down")
        plain = self.loop.create_future()
        plain.cancel()
        with self.assertRaises(asyncio.CancelledError) as caught:
            plain.result()
        self.assertEqual(str(caught.exception), "")

    @statement("future.await.done-at-once")
    def test_await_done_at_once(self) -> None:
        done = self.loop.create_future()
        done.set_result("ready")
        failed = self.loop.create_future()
        boom = UnicodeError("boom")
        failed.set_exception(boom)

        async def get(fut):
            return await fut

        self.assertFalse(self.loop.is_running())
        coro = get(done)
        with self.assertRaises(StopIteration) as stopped:
            coro.send(None)  # one step, no loop: the await does not suspend
        self.assertEqual(stopped.exception.value, "ready")
        coro = get(failed)
        with self.assertRaises(UnicodeError) as caught:
            coro.send(None)
        self.assertIs(caught.exception, boom)

    @statement("future.yield-star.protocol")
    def test_yield_star_protocol(self) -> None:
        f = self.loop.create_future()
        it = f.__await__()
        self.assertIs(iter(it), it)
        self.assertIs(next(it), f)  # it yields the future itself to the task
        with self.assertRaises(RuntimeError):  # resumed before the future is done
            next(it)
        f2 = self.loop.create_future()
        it2 = f2.__await__()
        next(it2)
        f2.set_result("now")
        with self.assertRaises(StopIteration) as stopped:
            next(it2)
        self.assertEqual(stopped.exception.value, "now")

        g = self.loop.create_future()

        async def waits():
            return await g

        coro = waits()
        self.assertIs(coro.send(None), g)
        coro.close()  # closing the suspended coroutine
        self.assertFalse(g.done())

    @statement("future.unretrieved.reported")
    def test_unretrieved_reported(self) -> None:
        seen = self.capture_exceptions()
        self.loop.set_debug(True)

        def make():
            retrieved = self.loop.create_future()
            retrieved.set_exception(ValueError("looked at"))
            retrieved.exception()
            via_result = self.loop.create_future()
            via_result.set_exception(ValueError("looked at through result()"))
            try:
                via_result.result()
            except ValueError:
                pass
            forgotten = self.loop.create_future()
            forgotten.set_exception(OverflowError("never looked at"))

        make()
        gc.collect()
        self.assertEqual([str(c["exception"]) for c in seen], ["never looked at"])
        self.assertRegex(seen[0]["message"], r"(?i)never retrieved")
        self.assertIn("source_traceback", seen[0])
