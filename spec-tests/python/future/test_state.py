"""Twins of spec-tests/tests/future/state.test.ts (PEP 3156 § Futures)."""

import asyncio

from twinlib import TwinCase, statement


class State(TwinCase):
    @statement("future.state.pending")
    def test_pending(self) -> None:
        f = self.loop.create_future()
        self.assertFalse(f.done())
        self.assertFalse(f.cancelled())
        with self.assertRaises(asyncio.InvalidStateError):
            f.result()
        with self.assertRaises(asyncio.InvalidStateError):
            f.exception()

    @statement("future.result.set")
    def test_result_set(self) -> None:
        f = self.loop.create_future()
        f.set_result("value")
        self.assertTrue(f.done())
        self.assertFalse(f.cancelled())
        self.assertEqual(f.result(), "value")
        self.assertIsNone(f.exception())

    @statement("future.exception.set")
    def test_exception_set(self) -> None:
        f = self.loop.create_future()
        boom = OverflowError("boom")
        f.set_exception(boom)
        self.assertTrue(f.done())
        with self.assertRaises(OverflowError) as caught:
            f.result()
        self.assertIs(caught.exception, boom)
        self.assertIs(f.exception(), boom)

    @statement("future.set.done-invalid")
    def test_set_done_invalid(self) -> None:
        done = self.loop.create_future()
        done.set_result(1)
        with self.assertRaises(asyncio.InvalidStateError):
            done.set_result(2)
        with self.assertRaises(asyncio.InvalidStateError):
            done.set_exception(ValueError("x"))
        self.assertEqual(done.result(), 1)
        cancelled = self.loop.create_future()
        cancelled.cancel()
        with self.assertRaises(asyncio.InvalidStateError):
            cancelled.set_result(2)

    @statement("future.set-exception.type-error")
    def test_set_exception_type_error(self) -> None:
        f = self.loop.create_future()
        with self.assertRaises(TypeError):
            f.set_exception("nope")  # type: ignore[arg-type]
        self.assertFalse(f.done())

    @statement("future.cancel.pending")
    def test_cancel_pending(self) -> None:
        f = self.loop.create_future()
        self.assertTrue(f.cancel())
        self.assertTrue(f.cancelled())
        self.assertTrue(f.done())
        with self.assertRaises(asyncio.CancelledError):
            f.result()
        with self.assertRaises(asyncio.CancelledError):
            f.exception()

    @statement("future.cancel.done-noop")
    def test_cancel_done_noop(self) -> None:
        f = self.loop.create_future()
        f.set_result(3)
        self.assertFalse(f.cancel())
        self.assertFalse(f.cancelled())
        self.assertEqual(f.result(), 3)
        c = self.loop.create_future()
        c.cancel()
        self.assertFalse(c.cancel())

    @statement("future.loop.get")
    def test_loop_get(self) -> None:
        self.assertIs(self.loop.create_future().get_loop(), self.loop)
