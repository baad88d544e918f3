"""Twins of spec-tests/tests/task/iterations.test.ts (PEP 3156 § The Scheduler, § Tasks)."""

import asyncio
import types

from twinlib import TwinCase, error_name, new_event_loop, statement


@types.coroutine
def bare_yield(value):
    return (yield value)


class Iterations(TwinCase):
    def ticker(self, limit: int = 50) -> dict:
        count = {"it": 0}

        def tick():
            count["it"] += 1
            if count["it"] < limit:
                self.loop.call_soon(tick)

        self.loop.call_soon(tick)
        return count

    @statement("task.start.next-iteration")
    def test_start_next_iteration(self) -> None:
        count = self.ticker()
        seen = []

        async def child():
            seen.append(f"child step {count['it']}")

        async def body():
            seen.append(f"task step {count['it']}")
            self.loop.create_task(child())
            self.loop.call_soon(lambda: seen.append(f"callback after child {count['it']}"))
            await asyncio.sleep(0)
            await asyncio.sleep(0)

        self.loop.call_soon(lambda: seen.append(f"callback before {count['it']}"))
        task = self.loop.create_task(body())
        self.loop.call_soon(lambda: seen.append(f"callback after {count['it']}"))
        self.loop.run_until_complete(task)
        self.assertEqual(
            seen,
            ["callback before 1", "task step 1", "callback after 1", "child step 2", "callback after child 2"],
        )

    @statement("task.wakeup.next-iteration")
    def test_wakeup_next_iteration(self) -> None:
        count = self.ticker()
        seen = []
        fut = self.loop.create_future()

        async def waiter(name):
            value = await fut
            seen.append(f"{name} resumed with {value} in {count['it']}")

        a = self.loop.create_task(waiter("a"))
        fut.add_done_callback(lambda _f: seen.append(f"callback added between in {count['it']}"))
        b = self.loop.create_task(waiter("b"))

        def settle():
            seen.append(f"settled in {count['it']}")
            fut.set_result(7)

        self.loop.call_soon(lambda: self.loop.call_soon(settle))
        self.loop.run_until_complete(b)
        self.assertTrue(a.done())
        self.assertEqual(
            seen,
            ["settled in 2", "callback added between in 3", "a resumed with 7 in 3", "b resumed with 7 in 3"],
        )

    @statement("task.await.done-no-suspend")
    def test_await_done_no_suspend(self) -> None:
        count = self.ticker()
        seen = []
        done = self.loop.create_future()
        done.set_result("ready")

        async def quick():
            return "finished"

        finished = self.loop.create_task(quick())

        async def body():
            await asyncio.sleep(0)
            self.loop.call_soon(lambda: seen.append(f"callback in {count['it']}"))
            seen.append(f"before in {count['it']}")
            a = await done
            b = await finished
            seen.append(f"after {a} {b} in {count['it']}")

        self.loop.run_until_complete(self.loop.create_task(body()))
        self.assertEqual(seen, ["before in 2", "after ready finished in 2", "callback in 3"])

    @statement("task.yield.error-next-iteration")
    def test_yield_error_next_iteration(self) -> None:
        count = self.ticker()
        other = new_event_loop()
        seen = []
        box = []

        async def body():
            attempts = (
                ("a number", lambda: bare_yield(42)),
                ("a foreign future", other.create_future),
                ("itself", lambda: box[0]),
            )
            for label, make in attempts:
                awaitable = make()
                seen.append(f"waits on {label} in {count['it']}")
                try:
                    await awaitable
                except RuntimeError as error:
                    seen.append(f"{error_name(error)} in {count['it']}")

        box.append(self.loop.create_task(body()))
        self.loop.run_until_complete(box[0])
        other.close()
        self.assertEqual(
            seen,
            [
                "waits on a number in 1",
                "RuntimeError in 2",
                "waits on a foreign future in 2",
                "RuntimeError in 3",
                "waits on itself in 3",
                "RuntimeError in 4",
            ],
        )
