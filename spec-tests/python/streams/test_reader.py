"""Twins of spec-tests/tests/streams/reader.test.ts (PEP 3156 § Convenience Utilities, asyncio's StreamReader).

A StreamReader used on its own: fed with feed_data/feed_eof, no loop I/O.
"""

import asyncio

from streams._support import done_without_waiting, one_iteration, outcome
from twinlib import TwinCase, error_name, requires_python, statement


class Reader(TwinCase):
    @statement("streams.read.sizes")
    def test_read_sizes(self) -> None:
        loop = self.loop

        async def main():
            r = asyncio.StreamReader(limit=3)
            r.feed_data(b"line1")
            r.feed_data(b"line2")
            zero_at_once, zero = done_without_waiting(r.read(0))
            out = [zero, await r.read(5), await r.read(100)]

            def feed_ab():
                r.feed_data(b"a")
                r.feed_data(b"b")

            loop.call_soon(feed_ab)
            out.append(await r.read(10))

            def feed_xy():
                r.feed_data(b"x")
                r.feed_data(b"y")
                loop.call_soon(r.feed_eof)

            loop.call_soon(feed_xy)
            out.append(await r.read(-5))
            out += [await r.read(10), await r.read()]
            return [zero_at_once, [b.decode() for b in out]]

        self.assertEqual(self.run_async(main()), [True, ["", "line1", "line2", "ab", "xy", "", ""]])

    @statement("streams.readline.limit")
    def test_readline_limit(self) -> None:
        loop = self.loop

        async def main():
            r = asyncio.StreamReader(limit=7)
            out = []
            r.feed_data(b"1234567\n")
            out.append(await outcome(r.readline()))
            r.feed_data(b"12345678\nnext\n")
            out += [await outcome(r.readline()), await outcome(r.readline())]
            r.feed_data(b"12345678")
            out.append(await outcome(r.readline()))
            r.feed_data(b"ok\n")
            out.append(await outcome(r.readline()))

            def chunks():
                r.feed_data(b"chunk1")
                r.feed_data(b"chunk2")
                r.feed_data(b"chunk3\n")

            loop.call_soon(chunks)
            out.append(await outcome(r.readline()))
            r.feed_data(b"z\n")
            out.append(await outcome(r.readline()))
            return out

        self.assertEqual(
            self.run_async(main()),
            ["1234567\n", "ValueError", "next\n", "ValueError", "ok\n", "ValueError", "z\n"],
        )

    @statement("streams.readuntil.separator")
    def test_readuntil_separator(self) -> None:
        loop = self.loop

        async def main():
            r = asyncio.StreamReader()
            out = []
            r.feed_data(b"lineAAAxxx")
            out.append(await outcome(r.readuntil(b"AAA")))

            def chunks():
                r.feed_data(b"QWEaa")
                r.feed_data(b"XYaa")
                r.feed_data(b"a")

            loop.call_soon(chunks)
            out.append(await outcome(r.readuntil(b"aaa")))
            r.feed_data(b"\r\nrest")
            out.append(await outcome(r.readuntil(b"\r\n")))
            out.append(await outcome(r.readuntil(b"")))
            r.feed_eof()
            out.append(await outcome(r.read()))
            return out

        self.assertEqual(self.run_async(main()), ["lineAAA", "xxxQWEaaXYaaa", "\r\n", "ValueError", "rest"])

    @statement("streams.readuntil.limit")
    def test_readuntil_limit_keeps_data(self) -> None:
        async def main():
            r = asyncio.StreamReader(limit=3)
            r.feed_data(b"some dataAA")
            seen = []
            for more in (b"", b"A"):
                if more:
                    r.feed_data(more)
                try:
                    await r.readuntil(b"AAA")
                    seen.append("no error")
                except asyncio.LimitOverrunError as error:
                    seen.append([error_name(error), error.consumed])
            r.feed_eof()
            seen.append((await r.read()).decode())
            return seen

        self.assertEqual(
            self.run_async(main()), [["LimitOverrunError", 9], ["LimitOverrunError", 9], "some dataAAA"]
        )

    @statement("streams.readuntil.limit")
    def test_readuntil_limit_counts_data_before_separator(self) -> None:
        loop = self.loop

        async def main():
            r = asyncio.StreamReader(limit=4)
            # 5 bytes buffered, no separator yet: at most 3 of them can come before a 3-byte separator.
            r.feed_data(b"abcdA")
            loop.call_soon(r.feed_data, b"AA!")
            return await outcome(r.readuntil(b"AAA"))

        self.assertEqual(self.run_async(main()), "abcdAAA")

    @statement("streams.readuntil.eof")
    def test_readuntil_eof(self) -> None:
        async def main():
            r = asyncio.StreamReader()
            r.feed_data(b"some dataAA")
            r.feed_eof()
            try:
                await r.readuntil(b"AAA")
                return ["no error"]
            except asyncio.IncompleteReadError as error:
                return [error_name(error), error.partial.decode(), error.expected, r.at_eof()]

        self.assertEqual(self.run_async(main()), ["IncompleteReadError", "some dataAA", None, True])

    @statement("streams.readexactly.sizes")
    def test_readexactly_sizes(self) -> None:
        loop = self.loop

        async def main():
            r = asyncio.StreamReader(limit=3)
            r.feed_data(b"abc")
            out = [await outcome(r.readexactly(0)), await outcome(r.readexactly(-1))]

            def chunks():
                r.feed_data(b"def")
                r.feed_data(b"ghi")
                r.feed_data(b"jkl")

            loop.call_soon(chunks)
            out += [await outcome(r.readexactly(10)), await outcome(r.readexactly(2))]
            return out

        self.assertEqual(self.run_async(main()), ["", "ValueError", "abcdefghij", "kl"])

    @statement("streams.reader.feed-eof")
    def test_feed_eof(self) -> None:
        loop = self.loop

        async def main():
            r = asyncio.StreamReader()
            states = [r.at_eof()]
            r.feed_data(b"some data\n")
            r.feed_data(b"")
            states.append(r.at_eof())
            await r.readline()
            states.append(r.at_eof())
            pending = asyncio.ensure_future(r.read(10))
            await asyncio.sleep(0)
            loop.call_soon(r.feed_eof)
            woken = (await pending).decode()
            states.append(r.at_eof())
            try:
                r.feed_data(b"late")
                after_eof = "None"
            except AssertionError as error:  # asyncio asserts; the TypeScript spelling is RuntimeError
                after_eof = error_name(error)
            r2 = asyncio.StreamReader()
            with self.assertRaises(TypeError):
                r2.feed_data("text")  # type: ignore[arg-type]
            r2.feed_data(b"partial")
            line = asyncio.ensure_future(r2.readline())
            await asyncio.sleep(0)
            loop.call_soon(r2.feed_eof)
            return [states, woken, after_eof, (await line).decode(), r2.at_eof()]

        self.assertEqual(
            self.run_async(main()), [[False, False, False, True], "", "AssertionError", "partial", True]
        )

    @statement("streams.reader.set-exception")
    def test_set_exception(self) -> None:
        loop = self.loop
        boom = Exception("boom")

        async def main():
            r = asyncio.StreamReader()
            before = r.exception()
            pending = asyncio.ensure_future(outcome(r.readline()))
            loop.call_soon(r.set_exception, boom)
            first = await pending
            r.feed_data(b"data\n")
            later = []
            for read in (
                lambda: r.read(2),
                lambda: r.read(0),
                lambda: r.readline(),
                lambda: r.readuntil(b"\n"),
                lambda: r.readexactly(2),
                lambda: r.readexactly(0),
            ):
                try:
                    await read()
                    later.append("no error")
                except Exception as error:
                    later.append(error is boom)
            return [before, r.exception() is boom, first, later]

        self.assertEqual(self.run_async(main()), [None, True, "Exception", [True] * 6])

    @statement("streams.reader.cancel-keeps-data")
    def test_cancel_keeps_data(self) -> None:
        loop = self.loop

        async def main():
            r = asyncio.StreamReader()
            out = []
            # Cancelled while waiting.
            waiting = loop.create_task(r.read(5))
            await one_iteration(loop)
            waiting.cancel()
            await one_iteration(loop)
            out.append(waiting.cancelled())
            # Cancelled after the data arrived, before the task resumed.
            for read in (lambda: r.readline(), lambda: r.readexactly(3), lambda: r.read(100)):
                task = loop.create_task(read())
                await one_iteration(loop)

                def feed_and_cancel(task=task):
                    r.feed_data(b"abc\n")
                    task.cancel()

                loop.call_soon(feed_and_cancel)
                await one_iteration(loop)
                await one_iteration(loop)
                out += [task.cancelled(), (await r.readexactly(4)).decode()]
            # A cancelled read leaves no stale waiter behind for set_exception.
            last = loop.create_task(r.read(1))
            await one_iteration(loop)
            last.cancel()
            await one_iteration(loop)
            r.set_exception(Exception("late"))
            out += [last.cancelled(), await outcome(r.read(1))]
            return out

        self.assertEqual(
            self.run_async(main()), [True, True, "abc\n", True, "abc\n", True, "abc\n", True, "Exception"]
        )

    @statement("streams.reader.failed-read-consumes")
    def test_failed_read_consumes(self) -> None:
        loop = self.loop

        async def main():
            out = []
            for read in (lambda r: r.readexactly(5), lambda r: r.readuntil(b"AA")):
                r = asyncio.StreamReader()
                r.feed_data(b"abA")
                loop.call_soon(r.feed_eof)
                try:
                    await read(r)
                    out.append("no error")
                except asyncio.IncompleteReadError as e:
                    out += [error_name(e), e.partial.decode()]
                out += [r.at_eof(), (await r.read()).decode()]
            return out

        self.assertEqual(
            self.run_async(main()), ["IncompleteReadError", "abA", True, "", "IncompleteReadError", "abA", True, ""]
        )

    @statement("streams.read.bad-size")
    def test_read_bad_size(self) -> None:
        async def main():
            out = []
            calls = [
                ("read(NaN)", lambda r: r.read(float("nan"))),
                ("read(1.5)", lambda r: r.read(1.5)),
                ("read(Infinity)", lambda r: r.read(float("inf"))),
                ("read('5')", lambda r: r.read("5")),
                ("read(null)", lambda r: r.read(None)),
                ("readexactly(NaN)", lambda r: r.readexactly(float("nan"))),
                ("readexactly(1.5)", lambda r: r.readexactly(1.5)),
                ("readexactly('5')", lambda r: r.readexactly("5")),
                ("readexactly(-1.5)", lambda r: r.readexactly(-1.5)),
            ]
            for label, call in calls:
                r = asyncio.StreamReader()
                r.feed_data(b"abcdef")
                out.append(f"{label}: {await outcome(call(r))}, then {await outcome(r.read(100))}")
            # A negative size, even a fraction, reads to the end of the stream (n < 0).
            r = asyncio.StreamReader()
            r.feed_data(b"abc")
            r.feed_eof()
            out.append(f"read(-1.5): {await outcome(r.read(-1.5))}")
            return out

        self.assertEqual(
            self.run_async(main()),
            [
                "read(NaN): TypeError, then abcdef",
                "read(1.5): TypeError, then abcdef",
                "read(Infinity): TypeError, then abcdef",
                "read('5'): TypeError, then abcdef",
                "read(null): TypeError, then abcdef",
                "readexactly(NaN): TypeError, then abcdef",
                "readexactly(1.5): TypeError, then abcdef",
                "readexactly('5'): TypeError, then abcdef",
                "readexactly(-1.5): ValueError, then abcdef",
                "read(-1.5): abc",
            ],
        )

    def bad_separators(self, separators) -> list:
        """What readuntil(separator) gives at its first step, on a reader with data and on an empty one."""

        async def main():
            out = []
            for label, separator in separators:
                for data in (b"abcdef", b""):
                    r = asyncio.StreamReader()
                    if data:
                        r.feed_data(data)
                    try:
                        at_once, _ = done_without_waiting(r.readuntil(separator))
                        got = "returned" if at_once else "waits"
                    except Exception as e:  # noqa: BLE001
                        got = f"{error_name(e)} at once true"
                    r.feed_eof()
                    out.append(f"{label} on '{data.decode()}': {got}, rest '{(await r.read()).decode()}'")
            return out

        return self.run_async(main())

    @statement("streams.readuntil.bad-separator")
    def test_readuntil_bad_separator(self) -> None:
        # {} is left out: a Python dict of length 0 is an empty separator there (ValueError).
        got = self.bad_separators([("42", 42), ("null", None), ("empty", b""), ("[]", ())])
        self.assertEqual(
            got,
            [
                "42 on 'abcdef': TypeError at once true, rest 'abcdef'",
                "42 on '': TypeError at once true, rest ''",
                "null on 'abcdef': TypeError at once true, rest 'abcdef'",
                "null on '': TypeError at once true, rest ''",
                "empty on 'abcdef': ValueError at once true, rest 'abcdef'",
                "empty on '': ValueError at once true, rest ''",
                "[] on 'abcdef': ValueError at once true, rest 'abcdef'",
                "[] on '': ValueError at once true, rest ''",
            ],
        )

    @statement("streams.readuntil.bad-separator")
    @requires_python(3, 13, "readuntil takes a tuple of separators from 3.13 on")
    def test_readuntil_bad_separator_tuple(self) -> None:
        got = self.bad_separators([("['x', '']", (b"x", b"")), ("['x', 42]", (b"x", 42))])
        self.assertEqual(
            got,
            [
                "['x', ''] on 'abcdef': ValueError at once true, rest 'abcdef'",
                "['x', ''] on '': ValueError at once true, rest ''",
                "['x', 42] on 'abcdef': TypeError at once true, rest 'abcdef'",
                "['x', 42] on '': TypeError at once true, rest ''",
            ],
        )

    @statement("streams.readuntil.separators")
    @requires_python(3, 13, "readuntil takes a tuple of separators from 3.13 on")
    def test_readuntil_separators(self) -> None:
        loop = self.loop

        async def main():
            out = []
            r = asyncio.StreamReader()
            r.feed_data(b"abcdef")
            out += [await outcome(r.readuntil((b"cd", b"b"))), await outcome(r.readuntil((b"f", b"cde")))]
            # Across chunks: the two-byte separator completes before any other is seen.
            r = asyncio.StreamReader()
            r.feed_data(b"xx\r")
            loop.call_soon(r.feed_data, b"\nyy\n")
            out += [await outcome(r.readuntil((b"\n", b"\r\n"))), await outcome(r.readuntil((b"\n", b"\r\n")))]
            # No separator within the limit: `consumed` is the buffer length + 1 - the longest separator.
            for separators in ((b"XYZ", b"Q"), (b"Q",)):
                r = asyncio.StreamReader(limit=3)
                r.feed_data(b"abcdef")
                try:
                    await r.readuntil(separators)
                    out.append("no error")
                except asyncio.LimitOverrunError as e:
                    out.append(f"{error_name(e)} {e.consumed}")
            # Found past the limit: the start of the separator matched counts.
            r = asyncio.StreamReader(limit=3)
            r.feed_data(b"abcdQ")
            try:
                await r.readuntil((b"Q", b"dQ"))
                out.append("no error")
            except asyncio.LimitOverrunError as e:
                out.append(f"{error_name(e)} {e.consumed}")
            r.feed_eof()
            out.append(await outcome(r.read()))
            return out

        self.assertEqual(
            self.run_async(main()),
            ["ab", "cde", "xx\r\n", "yy\n", "LimitOverrunError 4", "LimitOverrunError 6", "LimitOverrunError 4", "abcdQ"],
        )

    @statement("streams.reader.limit-positive")
    def test_limit_positive(self) -> None:
        async def main():
            for limit in (0, -1):
                with self.assertRaises(ValueError):
                    asyncio.StreamReader(limit=limit)
            return asyncio.StreamReader(limit=1).at_eof()

        self.assertFalse(self.run_async(main()), "a limit of 1 is fine")
