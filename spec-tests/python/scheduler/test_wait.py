"""Twins of spec-tests/tests/scheduler/wait.test.ts (PEP 3156 § Waiting for Multiple Coroutines)."""

import asyncio

from twinlib import TwinCase, error_name, statement


def sleeping(delay, result=None):
    return asyncio.ensure_future(asyncio.sleep(delay, result))


class Wait(TwinCase):
    @statement("scheduler.wait.all-completed")
    def test_all_completed(self) -> None:
        async def main():
            return await asyncio.wait([sleeping(0.002, "a"), sleeping(0.004, "b")])

        done, pending = self.run_async(main())
        self.assertEqual((len(done), len(pending)), (2, 0))

    @statement("scheduler.wait.first-completed")
    def test_first_completed(self) -> None:
        async def main():
            fast = sleeping(0.002, "fast")
            slow = sleeping(5, "slow")
            r = await asyncio.wait([fast, slow], return_when=asyncio.FIRST_COMPLETED)
            slow.cancel()
            return r

        done, pending = self.run_async(main())
        self.assertEqual([f.result() for f in done], ["fast"])
        self.assertEqual(len(pending), 1)

    @statement("scheduler.wait.first-exception")
    def test_first_exception(self) -> None:
        async def main():
            failing = self.loop.create_future()
            # ~200 ms after the 1 ms sleep of `fine` (with 2 ms a loaded machine could fail it first)
            self.loop.call_later(0.2, failing.set_exception, Exception("x"))
            slow = sleeping(5, "slow")
            fine = sleeping(0.001, "fine")
            r = await asyncio.wait([failing, slow, fine], return_when=asyncio.FIRST_EXCEPTION)
            slow.cancel()
            failing.exception()
            return r

        done, pending = self.run_async(main())
        self.assertEqual((len(done), len(pending)), (2, 1))

    @statement("scheduler.wait.timeout")
    def test_timeout(self) -> None:
        async def main():
            slow = sleeping(5, "slow")
            r = await asyncio.wait([slow], timeout=0.005)
            slow.cancel()
            return r

        done, pending = self.run_async(main())
        self.assertEqual((len(done), len(pending)), (0, 1))

    @statement("scheduler.wait.empty")
    def test_empty(self) -> None:
        async def main():
            try:
                await asyncio.wait([])
                return "no error"
            except ValueError as e:
                return error_name(e)

        self.assertEqual(self.run_async(main()), "ValueError")

    @statement("scheduler.wait-for.result")
    def test_wait_for_result(self) -> None:
        async def main():
            return await asyncio.wait_for(asyncio.sleep(0.001, "in time"), 1)

        self.assertEqual(self.run_async(main()), "in time")

    @statement("scheduler.wait-for.timeout")
    def test_wait_for_timeout(self) -> None:
        inner = self.loop.create_future()

        async def main():
            try:
                await asyncio.wait_for(inner, 0.005)
                return "no error"
            except TimeoutError as e:
                return error_name(e)

        self.assertEqual(self.run_async(main()), "TimeoutError")
        self.assertTrue(inner.cancelled())

    @statement("scheduler.wait-for.cancel-propagates")
    def test_wait_for_cancel(self) -> None:
        inner = self.loop.create_future()

        async def body():
            await asyncio.wait_for(inner, 10)

        task = self.loop.create_task(body())
        self.loop.call_later(0.002, task.cancel)
        with self.assertRaises(asyncio.CancelledError):
            self.run_async(task)
        self.assertTrue(inner.cancelled())
