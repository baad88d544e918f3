"""Twins of spec-tests/tests/loop/lifecycle.test.ts (PEP 3156 § Starting, Stopping and Closing)."""

import asyncio

from twinlib import TwinCase, error_name, statement


class Lifecycle(TwinCase):
    @statement("loop.stop.current-callback-finishes")
    def test_current_callback_finishes(self) -> None:
        steps = []

        def cb():
            self.loop.stop()
            steps.append("after stop()")

        self.loop.call_soon(cb)
        self.loop.run_forever()
        self.assertEqual(steps, ["after stop()"])
        self.assertFalse(self.loop.is_running())

    @statement("loop.stop.restart-loses-nothing")
    def test_restart_loses_nothing(self) -> None:
        ran = []

        def cb():
            self.loop.stop()
            self.loop.call_soon(ran.append, "scheduled while stopping")

        self.loop.call_soon(cb)
        self.loop.call_later(0.01, ran.append, "timer")
        self.loop.run_forever()
        self.loop.call_later(0.03, self.loop.stop)
        self.loop.run_forever()
        self.assertIn("scheduled while stopping", ran)
        self.assertIn("timer", ran)

    @statement("loop.stop.batch-finishes")
    def test_batch_finishes(self) -> None:
        ran = []

        def a():
            ran.append("a: stops")
            self.loop.stop()

        def c():
            ran.append("c: same iteration")
            self.loop.call_soon(ran.append, "d: next iteration")

        self.loop.call_soon(a)
        self.loop.call_soon(ran.append, "b: same iteration")
        self.loop.call_soon(c)
        self.loop.run_forever()
        self.assertEqual(ran, ["a: stops", "b: same iteration", "c: same iteration"])
        self.loop.call_soon(self.loop.stop)
        self.loop.run_forever()
        self.assertEqual(ran[-1], "d: next iteration")

    @statement("loop.run-until-complete.already-done")
    def test_already_done(self) -> None:
        ran = []
        done = self.loop.create_future()
        done.set_result(5)
        self.loop.call_soon(ran.append, "already scheduled")
        self.assertEqual(self.loop.run_until_complete(done), 5)
        self.assertEqual(ran, ["already scheduled"])
        self.assertFalse(self.loop.is_running())
        failed = self.loop.create_future()
        failed.set_exception(ArithmeticError("already failed"))
        with self.assertRaises(ArithmeticError):
            self.loop.run_until_complete(failed)

        async def quick():
            return "finished"

        task = self.loop.create_task(quick())
        self.loop.run_until_complete(task)
        self.assertEqual(self.loop.run_until_complete(task), "finished")

    @statement("loop.stop.before-run")
    def test_before_run(self) -> None:
        ran = []

        def first():
            ran.append("already scheduled")
            self.loop.call_soon(ran.append, "scheduled during the iteration")

        self.loop.call_soon(first)
        self.loop.stop()
        self.loop.run_forever()
        self.assertEqual(ran, ["already scheduled"])
        self.loop.call_soon(self.loop.stop)
        self.loop.run_forever()
        self.assertEqual(ran, ["already scheduled", "scheduled during the iteration"])

    @statement("loop.stop.future-timers-wait")
    def test_future_timers_wait(self) -> None:
        ran = []
        h = self.loop.call_later(10, ran.append, True)
        self.loop.call_soon(self.loop.stop)
        self.loop.run_forever()
        self.assertEqual(ran, [])
        h.cancel()

    @statement("loop.lifecycle.is-running")
    def test_is_running(self) -> None:
        inside = []
        self.assertFalse(self.loop.is_running())

        def cb():
            inside.append(self.loop.is_running())
            self.loop.stop()

        self.loop.call_soon(cb)
        self.loop.run_forever()
        self.assertEqual(inside, [True])
        self.assertFalse(self.loop.is_running())

    @statement("loop.run.reentrant-rejected")
    def test_reentrant_rejected(self) -> None:
        errors = []

        # One refused call per run: CPython 3.13.0's refused run_forever() resets the running state
        # of the outer run (fixed in 3.13.1), so a second call in the same run would nest.
        def cb(call):
            try:
                call()
            except RuntimeError as error:
                errors.append(error_name(error))
            self.loop.stop()

        self.loop.call_soon(cb, self.loop.run_forever)
        self.loop.run_forever()
        self.loop.call_soon(cb, lambda: self.loop.run_until_complete(self.loop.create_future()))
        self.loop.run_forever()
        self.assertEqual(errors, ["RuntimeError", "RuntimeError"])

    @statement("loop.run-until-complete.result")
    def test_result(self) -> None:
        ok = self.loop.create_future()
        self.loop.call_soon(ok.set_result, 7)
        self.assertEqual(self.loop.run_until_complete(ok), 7)
        bad = self.loop.create_future()
        boom = ValueError("boom")
        self.loop.call_soon(bad.set_exception, boom)
        with self.assertRaises(ValueError) as caught:
            self.loop.run_until_complete(bad)
        self.assertIs(caught.exception, boom)

    @statement("loop.run-until-complete.wraps-coroutine")
    def test_wraps_coroutine(self) -> None:
        async def body():
            await asyncio.sleep(0)
            return "from a coroutine"

        self.assertEqual(self.loop.run_until_complete(body()), "from a coroutine")

    @statement("loop.run-until-complete.stop-timing")
    def test_stop_timing(self) -> None:
        order = []
        fut = self.loop.create_future()

        def after():
            order.append("queued after the settle")
            self.loop.call_soon(order.append, "next iteration")

        def settle():
            order.append("settles")
            fut.set_result("value")
            self.loop.call_soon(after)

        self.loop.call_soon(settle)
        self.loop.call_soon(order.append, "queued before the settle")
        self.assertEqual(self.loop.run_until_complete(fut), "value")
        self.assertEqual(order, ["settles", "queued before the settle", "queued after the settle"])
        self.loop.call_soon(self.loop.stop)
        self.loop.run_forever()
        self.assertEqual(order[-1], "next iteration")

    @statement("loop.run-until-complete.stopped-early")
    def test_stopped_early(self) -> None:
        never = self.loop.create_future()
        self.loop.call_soon(self.loop.stop)
        with self.assertRaises(RuntimeError):
            self.loop.run_until_complete(never)

    @statement("loop.close.running-refused")
    def test_close_running_refused(self) -> None:
        errors = []

        def cb():
            try:
                self.loop.close()
            except RuntimeError as error:
                errors.append(error_name(error))
            self.loop.stop()

        self.loop.call_soon(cb)
        self.loop.run_forever()
        self.assertEqual(errors, ["RuntimeError"])
        self.assertFalse(self.loop.is_closed())

    @statement("loop.close.idempotent")
    def test_close_idempotent(self) -> None:
        self.assertFalse(self.loop.is_closed())
        self.loop.close()
        self.loop.close()
        self.assertTrue(self.loop.is_closed())

    @statement("loop.close.then-refuse")
    def test_close_then_refuse(self) -> None:
        self.loop.close()
        cb = lambda: None  # noqa: E731
        for call in (
            lambda: self.loop.call_soon(cb),
            lambda: self.loop.call_later(1, cb),
            lambda: self.loop.call_at(1, cb),
            self.loop.run_forever,
        ):
            with self.assertRaises(RuntimeError):
                call()
