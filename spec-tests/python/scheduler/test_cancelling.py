"""Twins of spec-tests/tests/scheduler/cancelling.test.ts (PEP 3156 § Waiting for Multiple Coroutines)."""

import asyncio

from twinlib import TwinCase, error_name, statement


class Cancelling(TwinCase):
    @statement("scheduler.gather.cancelled-child")
    def test_cancelled_child(self) -> None:
        loop = self.loop

        async def main():
            out = []
            a, b = loop.create_future(), loop.create_future()
            g = asyncio.gather(a, b)
            a.cancel("stop a")
            try:
                await g
            except asyncio.CancelledError as e:
                out += [error_name(e), str(e)]
            out += [g.cancelled(), b.done()]
            b.cancel()
            c, d = loop.create_future(), loop.create_future()
            g2 = asyncio.gather(c, d, return_exceptions=True)
            c.cancel("stop c")
            d.set_result("d")
            results = await g2
            out += [error_name(results[0]), str(results[0]), results[1]]
            return out

        self.assertEqual(
            self.run_async(main()), ["CancelledError", "stop a", False, False, "CancelledError", "stop c", "d"]
        )

    @statement("scheduler.gather.outer-cancel-waits")
    def test_outer_cancel_waits(self) -> None:
        loop = self.loop
        log = []

        async def main():
            async def slow(name):
                try:
                    await asyncio.sleep(10)
                except asyncio.CancelledError:
                    log.append(f"{name} cancelled")
                    for _ in range(3):
                        await asyncio.sleep(0)
                    log.append(f"{name} done")
                    raise

            done = loop.create_future()
            done.set_result(1)
            quick = loop.create_task(asyncio.sleep(10))
            g = asyncio.gather(done, quick, loop.create_task(slow("s")))
            await asyncio.sleep(0)
            first = g.cancel()
            try:
                await g
            except asyncio.CancelledError as e:
                log.append(f"gather {error_name(e)}")

            async def parent():
                try:
                    await asyncio.gather(asyncio.sleep(10), asyncio.sleep(10))
                except asyncio.CancelledError:
                    return asyncio.current_task().cancelling()

            p = loop.create_task(parent())
            await asyncio.sleep(0)
            await asyncio.sleep(0)
            p.cancel()
            return [first, g.cancelled(), await p]

        self.assertEqual(self.run_async(main()), [True, False, 1])
        # The quick child ends cancelled first: the gather fails while 's' still cleans up.
        self.assertEqual(log, ["s cancelled", "gather CancelledError", "s done"])

    @statement("scheduler.shield.done")
    def test_shield_done(self) -> None:
        loop = self.loop

        async def main():
            done = loop.create_future()
            done.set_result("done")
            same = asyncio.shield(done) is done
            # 200 ms, far beyond the two iterations before the cancel (2 ms was load-sensitive)
            inner = asyncio.ensure_future(asyncio.sleep(0.2, "inner result"))

            async def waiter():
                task = asyncio.current_task()
                try:
                    await asyncio.shield(inner)
                    return ["not cancelled"]
                except asyncio.CancelledError as e:
                    seen = [error_name(e), task.cancelling(), inner.done()]
                    task.uncancel()
                    return [*seen, await inner]

            w = loop.create_task(waiter())
            await asyncio.sleep(0)
            await asyncio.sleep(0)
            w.cancel()
            return [same, *(await w)]

        self.assertEqual(self.run_async(main()), [True, "CancelledError", 1, False, "inner result"])
