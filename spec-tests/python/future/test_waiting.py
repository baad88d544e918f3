"""Twins of spec-tests/tests/future/waiting.test.ts (PEP 3156 § Futures, § Coroutines).

`yield* future` is the TypeScript twin of `yield from future` (3.4), which is `await future` today.
"""

import asyncio

from twinlib import TwinCase, error_name, statement


class Waiting(TwinCase):
    @statement("future.yield-star.result")
    def test_yield_star_result(self) -> None:
        f = self.loop.create_future()
        self.loop.call_later(0.001, f.set_result, 41)

        async def body():
            return (await f) + 1

        self.assertEqual(self.run_async(body()), 42)

    @statement("future.yield-star.exception")
    def test_yield_star_exception(self) -> None:
        f = self.loop.create_future()
        boom = ValueError("boom")
        self.loop.call_later(0.001, f.set_exception, boom)

        async def body():
            try:
                await f
                return None
            except ValueError as error:
                return error

        self.assertIs(self.run_async(body()), boom)

    @statement("future.yield-star.cancelled")
    def test_yield_star_cancelled(self) -> None:
        f = self.loop.create_future()
        self.loop.call_later(0.001, f.cancel)

        async def body():
            try:
                await f
                return "no error"
            except asyncio.CancelledError as error:
                return error_name(error)

        self.assertEqual(self.run_async(body()), "CancelledError")

    @statement("future.await.result")
    def test_await_result(self) -> None:
        ok = self.loop.create_future()
        bad = self.loop.create_future()

        def settle():
            ok.set_result("yes")
            bad.set_exception(TypeError("no"))

        self.loop.call_later(0.001, settle)

        async def body():
            a = await ok
            try:
                await bad
                return [a, "no error"]
            except TypeError as error:
                return [a, error_name(error)]

        self.assertEqual(self.run_async(body()), ["yes", "TypeError"])
