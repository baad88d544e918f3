"""Twins of spec-tests/tests/dns/options.test.ts (PEP 3156 § Internet name lookups).

Every lookup here is numeric or of the null host: nothing is asked of a name server.
"""

import socket

from twinlib import TwinCase, error_name, statement

AF_INET = 2
AF_INET6 = 10
AI_PASSIVE = 1
AI_NUMERICHOST = 4
NI_NUMERICHOST = 1
NI_NUMERICSERV = 2


class Options(TwinCase):
    async def outcome(self, call):
        """What ``call()`` gives once awaited, or the name of the error it fails with (at once or later)."""
        try:
            return await call()
        except Exception as error:  # the name of the error, as the TypeScript tests compare it
            return error_name(error)

    @statement("dns.getaddrinfo.flags")
    def test_flag_values(self) -> None:
        """The constants the TypeScript tests spell out are Linux's, as Python reports them."""
        self.assertEqual(
            [socket.AF_INET, socket.AF_INET6, socket.AI_PASSIVE, socket.AI_NUMERICHOST],
            [AF_INET, AF_INET6, AI_PASSIVE, AI_NUMERICHOST],
        )
        self.assertEqual([socket.NI_NUMERICHOST, socket.NI_NUMERICSERV], [NI_NUMERICHOST, NI_NUMERICSERV])

    @statement("dns.getaddrinfo.families")
    def test_families(self) -> None:
        async def main():
            v4 = await self.loop.getaddrinfo("127.0.0.1", 80)
            v6 = await self.loop.getaddrinfo("::1", 80, family=AF_INET6)
            wrong = await self.outcome(lambda: self.loop.getaddrinfo("::1", 80, family=AF_INET))
            return [(r[0], r[4]) for r in v4], [(r[0], r[4]) for r in v6], wrong

        v4, v6, wrong = self.run_async(main())
        self.assertIn((AF_INET, ("127.0.0.1", 80)), v4)
        self.assertTrue(all(family == AF_INET for family, _ in v4))
        self.assertIn((AF_INET6, ("::1", 80, 0, 0)), v6)
        self.assertEqual(wrong, "gaierror")

    @statement("dns.getaddrinfo.ports")
    def test_ports(self) -> None:
        async def main():
            as_number = await self.loop.getaddrinfo("127.0.0.1", 8080, family=AF_INET)
            as_string = await self.loop.getaddrinfo("127.0.0.1", "8080", family=AF_INET)
            as_none = await self.loop.getaddrinfo("127.0.0.1", None, family=AF_INET)
            return as_number[0][4], as_string[0][4], as_none[0][4]

        self.assertEqual(self.run_async(main()), (("127.0.0.1", 8080), ("127.0.0.1", 8080), ("127.0.0.1", 0)))

    @statement("dns.getaddrinfo.flags")
    def test_flags(self) -> None:
        async def main():
            gai = self.loop.getaddrinfo
            numeric = await gai("127.0.0.1", 1, flags=AI_NUMERICHOST)
            named = await self.outcome(lambda: gai("localhost", 1, flags=AI_NUMERICHOST))
            passive = await gai(None, 1, family=AF_INET, flags=AI_PASSIVE)
            active = await gai(None, 1, family=AF_INET)
            passive6 = await gai(None, 1, family=AF_INET6, flags=AI_PASSIVE)
            active6 = await gai(None, 1, family=AF_INET6)
            # One entry per socket type in Python (stream, datagram, raw): the addresses are what counts.
            return [
                sorted({r[4] for r in numeric}),
                named,
                sorted({r[4][0] for r in passive}),
                sorted({r[4][0] for r in active}),
                sorted({r[4][0] for r in passive6}),
                sorted({r[4][0] for r in active6}),
            ]

        self.assertEqual(
            self.run_async(main()),
            [[("127.0.0.1", 1)], "gaierror", ["0.0.0.0"], ["127.0.0.1"], ["::"], ["::1"]],
        )

    @statement("dns.getaddrinfo.bad-family")
    def test_bad_family(self) -> None:
        async def main():
            unknown = await self.outcome(lambda: self.loop.getaddrinfo("127.0.0.1", 80, family=99))
            not_int = await self.outcome(lambda: self.loop.getaddrinfo("127.0.0.1", 80, family="2"))  # type: ignore[arg-type]
            return unknown, not_int

        self.assertEqual(self.run_async(main()), ("gaierror", "TypeError"))

    @statement("dns.getnameinfo.numeric")
    def test_getnameinfo_numeric(self) -> None:
        async def main():
            flags = NI_NUMERICHOST | NI_NUMERICSERV
            v4 = await self.loop.getnameinfo(("127.0.0.1", 8080), flags)
            v6 = await self.loop.getnameinfo(("::1", 443, 0, 0), flags)
            named = await self.outcome(lambda: self.loop.getnameinfo(("localhost", 80), flags))
            return v4, v6, named

        self.assertEqual(self.run_async(main()), (("127.0.0.1", "8080"), ("::1", "443"), "gaierror"))
