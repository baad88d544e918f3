"""Twins of spec-tests/tests/scheduler/foreign.test.ts (PEP 3156 § Futures, § The Scheduler)."""

import asyncio

from twinlib import TwinCase, error_name, statement


class ForeignFuture:
    """Another implementation's future: only the Future protocol asyncio duck-types."""

    _asyncio_future_blocking = False

    def __init__(self, loop):
        self._inner = loop.create_future()

    def get_loop(self):
        return self._inner.get_loop()

    def add_done_callback(self, fn, *, context=None):
        self._inner.add_done_callback(lambda _f: fn(self), context=context)

    def remove_done_callback(self, fn):
        return 0

    def done(self):
        return self._inner.done()

    def cancelled(self):
        return self._inner.cancelled()

    def cancel(self, msg=None):
        return self._inner.cancel(msg)

    def result(self):
        return self._inner.result()

    def exception(self):
        return self._inner.exception()

    def set_result(self, value):
        self._inner.set_result(value)

    def __await__(self):
        if not self.done():
            self._asyncio_future_blocking = True
            yield self
        return self.result()

    __iter__ = __await__


class Foreign(TwinCase):
    @statement("scheduler.ensure-future.foreign")
    def test_foreign(self) -> None:
        foreign = ForeignFuture(self.loop)
        self.assertIs(asyncio.ensure_future(foreign), foreign)

        async def waits():
            return await foreign

        self.loop.call_soon(foreign.set_result, "from elsewhere")
        self.assertEqual(self.run_async(waits()), "from elsewhere")

        async def gathering():
            child = ForeignFuture(self.loop)
            gathered = asyncio.gather(child)
            done = gathered.done()
            # (Not cancelled as the TypeScript test does: asyncio's gather then calls the private
            # _make_cancelled_error() of the child, which another implementation need not have.)
            child.set_result(1)
            await gathered
            return done

        self.assertFalse(self.run_async(gathering()))

    @statement("scheduler.ensure-future.not-a-future")
    def test_not_a_future(self) -> None:
        loop = self.loop

        def fn(*_a):
            return None

        class Part:
            def __init__(self, **attrs):
                self.__dict__.update(attrs)

        parts = [
            Part(get_loop=lambda: loop, done=lambda: False),
            Part(add_done_callback=fn, done=lambda: False),
            Part(add_done_callback=fn, get_loop=lambda: loop),
            Part(add_done_callback=1, get_loop=lambda: loop, done=lambda: False),
        ]
        for part in parts:
            try:
                asyncio.ensure_future(part)  # type: ignore[arg-type]
                name = "no error"
            except TypeError as e:
                name = error_name(e)
            self.assertEqual(name, "TypeError", sorted(part.__dict__))
