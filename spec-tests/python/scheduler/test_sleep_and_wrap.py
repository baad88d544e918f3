"""Twins of spec-tests/tests/scheduler/sleep-and-wrap.test.ts (PEP 3156 § Sleeping, § Coroutines and the Scheduler)."""

import asyncio
import concurrent.futures

from twinlib import TwinCase, error_name, statement


class SleepAndWrap(TwinCase):
    @statement("scheduler.sleep.result")
    def test_sleep_result(self) -> None:
        start = self.loop.time()

        async def main():
            v = await asyncio.sleep(0.1, "woke")
            return v, self.loop.time() - start

        v, elapsed = self.run_async(main())
        self.assertEqual(v, "woke")
        self.assertGreaterEqual(elapsed, 0.1 - 0.001)

    @statement("scheduler.sleep.cancel")
    def test_sleep_cancel(self) -> None:
        start = self.loop.time()

        async def body():
            await asyncio.sleep(30)

        task = self.loop.create_task(body())
        self.loop.call_later(0.002, task.cancel)
        with self.assertRaises(asyncio.CancelledError):
            self.run_async(task)
        self.assertTrue(task.cancelled())
        self.assertLess(self.loop.time() - start, 5)

    @statement("scheduler.ensure-future.kinds")
    def test_ensure_future_kinds(self) -> None:
        async def main():
            f = self.loop.create_future()
            self.assertIs(asyncio.ensure_future(f), f)

            async def body():
                return 3

            t = asyncio.ensure_future(body())
            self.assertTrue(callable(t.cancel))
            self.assertEqual(await t, 3)

            class Awaitable:
                def __await__(self):
                    return asyncio.sleep(0, 4).__await__()

            wrapped = asyncio.ensure_future(Awaitable())
            self.assertEqual(await wrapped, 4)
            f.set_result(1)

        self.run_async(main())

    @statement("scheduler.ensure-future.type-error")
    def test_ensure_future_type_error(self) -> None:
        async def main():
            try:
                asyncio.ensure_future(42)  # type: ignore[arg-type]
                return "no error"
            except TypeError as e:
                return error_name(e)

        self.assertEqual(self.run_async(main()), "TypeError")

    @statement("scheduler.wrap-future.promise")
    def test_wrap_future(self) -> None:
        # Python's foreign futures are concurrent.futures.Future; JavaScript's are Promises.
        async def main():
            ok_src: concurrent.futures.Future[int] = concurrent.futures.Future()
            bad_src: concurrent.futures.Future[int] = concurrent.futures.Future()
            ok = asyncio.wrap_future(ok_src, loop=self.loop)
            bad = asyncio.wrap_future(bad_src, loop=self.loop)
            self.assertIs(ok.get_loop(), self.loop)
            ok_src.set_result(5)
            bad_src.set_exception(ValueError("no"))
            v = await ok
            try:
                await bad
                return [v, "no error"]
            except ValueError as e:
                return [v, error_name(e)]

        self.assertEqual(self.run_async(main()), [5, "ValueError"])
