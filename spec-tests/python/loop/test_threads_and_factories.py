"""Twins of spec-tests/tests/loop/threads-and-factories.test.ts (PEP 3156 § Thread interaction, § Futures, § Tasks)."""

import threading

from twinlib import TwinCase, statement


class ThreadsAndFactories(TwinCase):
    @statement("loop.call-soon-threadsafe.wakes")
    def test_threadsafe_wakes(self) -> None:
        ran = []

        def work():
            ran.append(True)
            self.loop.stop()

        timer = threading.Timer(0.005, self.loop.call_soon_threadsafe, (work,))
        guard = self.loop.call_later(5, self.loop.stop)
        timer.start()
        self.loop.run_forever()
        timer.join()
        guard.cancel()
        self.assertEqual(ran, [True])

    @statement("loop.create-future.bound")
    def test_create_future_bound(self) -> None:
        f = self.loop.create_future()
        self.assertIs(f.get_loop(), self.loop)
        self.assertFalse(f.done())

    @statement("loop.task-factory.set-get")
    def test_task_factory(self) -> None:
        self.assertIsNone(self.loop.get_task_factory())
        made = []

        def factory(loop, coro, **kwargs):
            loop.set_task_factory(None)
            task = loop.create_task(coro, **kwargs)
            loop.set_task_factory(factory)
            made.append("factory")
            return task

        self.loop.set_task_factory(factory)
        self.assertIs(self.loop.get_task_factory(), factory)

        async def body():
            return 5

        task = self.loop.create_task(body())
        self.assertEqual(made, ["factory"])
        self.assertEqual(self.loop.run_until_complete(task), 5)
        self.loop.set_task_factory(None)
        self.assertIsNone(self.loop.get_task_factory())
