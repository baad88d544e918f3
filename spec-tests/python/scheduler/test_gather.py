"""Twins of spec-tests/tests/scheduler/gather.test.ts (PEP 3156 § Waiting for Multiple Coroutines)."""

import asyncio

from twinlib import TwinCase, error_name, statement


class Gather(TwinCase):
    @statement("scheduler.gather.order")
    def test_order(self) -> None:
        async def main():
            return await asyncio.gather(
                asyncio.sleep(0.006, "slow"), asyncio.sleep(0.001, "fast"), asyncio.sleep(0.003, "mid")
            )

        self.assertEqual(self.run_async(main()), ["slow", "fast", "mid"])

    @statement("scheduler.gather.first-exception")
    def test_first_exception(self) -> None:
        async def survivor_body():
            await asyncio.sleep(0.01)
            return "survived"

        survivor = self.loop.create_task(survivor_body())

        async def failing():
            await asyncio.sleep(0.001)
            raise ValueError("child failed")

        async def main():
            try:
                await asyncio.gather(failing(), survivor)
                return "no error"
            except ValueError as e:
                return error_name(e)

        self.assertEqual(self.run_async(main()), "ValueError")
        self.assertFalse(survivor.cancelled(), "the other child was not cancelled")
        self.assertEqual(self.run_async(survivor), "survived")

    @statement("scheduler.gather.return-exceptions")
    def test_return_exceptions(self) -> None:
        async def failing():
            await asyncio.sleep(0)
            raise TypeError("x")

        async def main():
            return await asyncio.gather(asyncio.sleep(0.001, 1), failing(), return_exceptions=True)

        got = self.run_async(main())
        self.assertEqual(got[0], 1)
        self.assertEqual(error_name(got[1]), "TypeError")

    @statement("scheduler.gather.empty")
    def test_empty(self) -> None:
        async def main():
            return await asyncio.gather()

        self.assertEqual(self.run_async(main()), [])

    @statement("scheduler.gather.cancel-children")
    def test_cancel_children(self) -> None:
        a = self.loop.create_future()
        b = self.loop.create_future()
        outer = []

        async def body():
            g = asyncio.gather(a, b)
            outer.append(g)
            return await g

        task = self.loop.create_task(body())
        self.loop.call_later(0.002, lambda: outer[0].cancel())
        with self.assertRaises(asyncio.CancelledError):
            self.run_async(task)
        self.assertTrue(a.cancelled())
        self.assertTrue(b.cancelled())

    @statement("scheduler.shield.outer-cancel")
    def test_shield_outer_cancel(self) -> None:
        inner = self.loop.create_future()

        async def body():
            return await asyncio.shield(inner)

        task = self.loop.create_task(body())
        self.loop.call_later(0.002, task.cancel)
        with self.assertRaises(asyncio.CancelledError):
            self.run_async(task)
        self.assertTrue(task.cancelled())
        self.assertFalse(inner.cancelled())
        inner.set_result("still fine")

    @statement("scheduler.shield.inner-cancel")
    def test_shield_inner_cancel(self) -> None:
        inner = self.loop.create_future()
        self.loop.call_later(0.002, inner.cancel)

        async def main():
            try:
                await asyncio.shield(inner)
                return "no error"
            except asyncio.CancelledError as e:
                return error_name(e)

        self.assertEqual(self.run_async(main()), "CancelledError")

    @statement("scheduler.as-completed.order")
    def test_as_completed_order(self) -> None:
        async def main():
            out = []
            for f in asyncio.as_completed(
                # 150 ms between consecutive deadlines (2-3 ms let a loaded machine reorder them)
                [asyncio.sleep(0.3, "c"), asyncio.sleep(0.001, "a"), asyncio.sleep(0.15, "b")]
            ):
                out.append(await f)
            return out

        self.assertEqual(self.run_async(main()), ["a", "b", "c"])

    @statement("scheduler.as-completed.timeout")
    def test_as_completed_timeout(self) -> None:
        async def main():
            out = []
            slow = asyncio.ensure_future(asyncio.sleep(5, "slow"))
            # ~200 ms between the fast sleep and the timeout (9 ms was load-sensitive)
            for f in asyncio.as_completed([asyncio.sleep(0.001, "fast"), slow], timeout=0.2):
                try:
                    out.append(await f)
                except TimeoutError as e:
                    out.append(error_name(e))
            slow.cancel()
            return out

        self.assertEqual(self.run_async(main()), ["fast", "TimeoutError"])
