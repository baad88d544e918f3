"""Twins of spec-tests/tests/scheduler/iterations.test.ts (PEP 3156 § Waiting for Multiple Coroutines)."""

import asyncio

from twinlib import TwinCase, error_name, statement


def ticker(loop, limit=200):
    it = 0

    def tick():
        nonlocal it
        it += 1
        if it < limit:
            loop.call_soon(tick)

    loop.call_soon(tick)
    return lambda: it


def later(loop, value, iterations=1):
    f = loop.create_future()

    def step(n):
        if n == 0:
            f.set_result(value)
        else:
            loop.call_soon(step, n - 1)

    loop.call_soon(step, iterations - 1)
    return f


class Iterations(TwinCase):
    @statement("scheduler.iterations.resume")
    def test_resume(self) -> None:
        loop = self.loop

        async def main():
            it = ticker(loop)
            await asyncio.sleep(0)
            out = []
            start = it()
            await asyncio.gather(later(loop, 1), later(loop, 2, 2))
            out.append(it() - start)
            start = it()
            await asyncio.shield(later(loop, 1))
            out.append(it() - start)

            async def child():
                await asyncio.sleep(0)

            start = it()
            async with asyncio.TaskGroup() as tg:
                tg.create_task(child())
            out.append(it() - start)
            start = it()
            async with asyncio.TaskGroup():
                pass
            out.append(it() - start)
            start = it()
            try:
                async with asyncio.timeout(0):
                    await loop.create_future()
            except TimeoutError:
                out.append(it() - start)
            start = it()
            for f in asyncio.as_completed([later(loop, 3)]):
                await f
            out.append(it() - start)
            return out

        self.assertEqual(self.run_async(main()), [4, 3, 4, 0, 2, 3])

    @statement("scheduler.as-completed.on-await")
    def test_on_await(self) -> None:
        loop = self.loop

        async def main():
            out = []
            a, b = loop.create_future(), loop.create_future()
            items = list(asyncio.as_completed([a, b]))
            loop.call_soon(a.set_result, "a")
            loop.call_soon(loop.call_soon, b.set_result, "b")
            out += [await items[1], await items[0]]
            c, d = loop.create_future(), loop.create_future()
            it = iter(asyncio.as_completed([c, d]))
            first, second = next(it), next(it)

            async def take(item):
                return await item

            t1 = loop.create_task(take(first))
            t2 = loop.create_task(take(second))
            await asyncio.sleep(0)
            c.set_result("c")
            await asyncio.sleep(0)
            t1.cancel()
            try:
                await t1
            except asyncio.CancelledError as e:
                out += [error_name(e), t1.cancelled()]
            out.append(await t2)
            d.set_result("d")
            return out

        self.assertEqual(self.run_async(main()), ["a", "b", "CancelledError", True, "c"])

    @statement("scheduler.sleep.as-task")
    def test_sleep_as_task(self) -> None:
        loop = self.loop

        async def main():
            it = ticker(loop)
            await asyncio.sleep(0)
            out = []
            start = it()
            await asyncio.sleep(0)
            out.append(it() - start)
            start = it()
            await asyncio.gather(asyncio.sleep(0))
            out.append(it() - start)
            start = it()
            await asyncio.wait([asyncio.ensure_future(asyncio.sleep(0))])
            out.append(it() - start)
            start = it()
            async with asyncio.TaskGroup() as tg:
                tg.create_task(asyncio.sleep(0))
            out.append(it() - start)
            start = it()
            await asyncio.shield(asyncio.sleep(0))
            out.append(it() - start)
            return out

        self.assertEqual(self.run_async(main()), [1, 4, 4, 4, 4])
