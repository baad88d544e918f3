"""Twins of spec-tests/tests/scheduler/collections.test.ts (PEP 3156 § Waiting for Multiple Coroutines)."""

import asyncio

from twinlib import TwinCase, error_name, statement


def ticker(loop, limit=50):
    it = 0

    def tick():
        nonlocal it
        it += 1
        if it < limit:
            loop.call_soon(tick)

    loop.call_soon(tick)
    return lambda: it


class Collections(TwinCase):
    @statement("scheduler.wait.not-a-collection")
    def test_not_a_collection(self) -> None:
        async def main():
            out = []
            fut = self.loop.create_future()

            async def coro():
                return 1

            c = coro()
            for arg in (fut, c):
                try:
                    await asyncio.wait(arg)  # type: ignore[arg-type]
                    out.append("no error")
                except TypeError as e:
                    out.append(error_name(e))
                try:
                    list(asyncio.as_completed(arg))  # type: ignore[arg-type]
                    out.append("no error")
                except TypeError as e:
                    out.append(error_name(e))
            c.close()
            fut.set_result("x")
            done, pending = await asyncio.wait([fut, fut])
            out += [len(done), len(pending)]
            out.append([await f for f in asyncio.as_completed([fut, fut])])
            return out

        self.assertEqual(self.run_async(main()), ["TypeError", "TypeError", "TypeError", "TypeError", 1, 0, ["x"]])

    @statement("scheduler.wait.sets-on-resume")
    def test_sets_on_resume(self) -> None:
        loop = self.loop

        async def main():
            a, b, c = loop.create_future(), loop.create_future(), loop.create_future()
            loop.call_soon(a.set_result, "a")
            loop.call_soon(loop.call_soon, b.set_result, "b")
            done, pending = await asyncio.wait([a, b, c], return_when=asyncio.FIRST_COMPLETED)
            first = [sorted(f.result() for f in done), len(pending)]
            d = loop.create_future()
            loop.call_later(0.002, d.set_result, "d")
            loop.call_later(0.002, loop.call_soon, c.set_result, "c")
            done2, pending2 = await asyncio.wait([c, d], timeout=0.002)
            return [first, [len(done2), len(pending2)]]

        self.assertEqual(self.run_async(main()), [[["a", "b"], 1], [2, 0]])

    @statement("scheduler.wait.iterations")
    def test_iterations(self) -> None:
        loop = self.loop

        async def main():
            it = ticker(loop)
            await asyncio.sleep(0)
            out = []
            done_f = loop.create_future()
            done_f.set_result(1)
            start = it()
            await asyncio.wait([done_f])
            out.append(it() - start)
            failed = loop.create_future()
            failed.set_exception(ValueError("x"))
            other = loop.create_future()
            start = it()
            done, _ = await asyncio.wait([failed, other], return_when=asyncio.FIRST_EXCEPTION)
            out += [it() - start, len(done)]
            later = loop.create_future()
            loop.call_soon(later.set_result, 2)
            start = it()
            await asyncio.wait([later])
            out.append(it() - start)
            start = it()
            _, pending = await asyncio.wait([other], timeout=0)
            out += [it() - start, len(pending)]
            failed.exception()
            return out

        self.assertEqual(self.run_async(main()), [2, 2, 1, 3, 2, 1])

    @statement("scheduler.gather.same-loop")
    def test_same_loop(self) -> None:
        other = asyncio.new_event_loop()
        self.addCleanup(other.close)

        async def main():
            mine = self.loop.create_future()
            theirs = other.create_future()
            name = "no error"
            try:
                asyncio.gather(mine, theirs)
            except ValueError as e:
                name = error_name(e)
            mine.set_result("m")
            return [name, await asyncio.gather(mine, mine)]

        self.assertEqual(self.run_async(main()), ["ValueError", ["m", "m"]])
