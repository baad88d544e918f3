"""Twins of spec-tests/tests/executor/run-in-executor.test.ts (PEP 3156 § Thread interaction)."""

import asyncio
import concurrent.futures
import time

from twinlib import TwinCase, error_name, statement


class RunInExecutor(TwinCase):
    def tearDown(self) -> None:
        if not self.loop.is_closed():
            self.loop.run_until_complete(self.loop.shutdown_default_executor())
        super().tearDown()

    @statement("executor.run.result")
    def test_result(self) -> None:
        async def main():
            loop = asyncio.get_running_loop()
            a = loop.run_in_executor(None, lambda x, y: x * y, 6, 7)
            b = loop.run_in_executor(None, str.upper, "off")
            return [await a, await b]

        self.assertEqual(self.run_async(main()), [42, "OFF"])

    @statement("executor.run.exception")
    def test_exception(self) -> None:
        def fails():
            raise OverflowError("out of range")

        async def main():
            try:
                await asyncio.get_running_loop().run_in_executor(None, fails)
                return ["no error"]
            except Exception as error:  # noqa: BLE001
                return [error_name(error), str(error)]

        self.assertEqual(self.run_async(main()), ["OverflowError", "out of range"])

    @statement("executor.run.does-not-block")
    def test_does_not_block(self) -> None:
        async def main():
            loop = asyncio.get_running_loop()
            busy = loop.run_in_executor(None, lambda: (time.sleep(0.1), "done")[1])
            ticks = 0
            while not busy.done():
                ticks += 1
                await asyncio.sleep(0.005)
            return [await busy, ticks > 3]

        self.assertEqual(self.run_async(main()), ["done", True])

    @statement("executor.default.set")
    def test_default_set(self) -> None:
        calls = []

        class Recording(concurrent.futures.ThreadPoolExecutor):
            def submit(self, fn, /, *args, **kwargs):
                calls.append("submit")
                return super().submit(fn, *args, **kwargs)

            def shutdown(self, wait=True, *, cancel_futures=False):
                calls.append("shutdown")
                super().shutdown(wait, cancel_futures=cancel_futures)

        self.loop.set_default_executor(Recording(max_workers=1))
        captured = "closure"
        got = self.run_async(self.loop.run_in_executor(None, lambda: f"{captured} ok"))
        self.run_async(self.loop.shutdown_default_executor())
        self.assertEqual([got, calls], ["closure ok", ["submit", "shutdown"]])

    @statement("executor.default.shutdown")
    def test_default_shutdown(self) -> None:
        self.run_async(self.loop.run_in_executor(None, lambda: 1))
        self.run_async(self.loop.shutdown_default_executor())
        with self.assertRaises(RuntimeError):
            self.loop.run_in_executor(None, lambda: 2)

    @statement("executor.run.bad-input")
    def test_bad_input(self) -> None:
        self.loop.set_debug(True)  # asyncio checks the callable in debug mode only
        with self.assertRaises(TypeError):
            self.loop.run_in_executor(None, 42)  # type: ignore[arg-type]
