"""Twins of spec-tests/tests/dns/lookups.test.ts (PEP 3156 § Internet name lookups).

Every lookup is numeric (127.0.0.1): nothing is asked of a name server.
"""

import socket

from twinlib import TwinCase, statement


class Lookups(TwinCase):
    @statement("dns.getaddrinfo.tuples")
    def test_tuples(self) -> None:
        async def main():
            a = await self.loop.getaddrinfo("127.0.0.1", 8080, family=2)
            b = await self.loop.getaddrinfo("127.0.0.1", 8080, family=2, type=1, proto=6)
            return a, b

        v4, typed = self.run_async(main())
        self.assertGreaterEqual(len(v4), 1)
        for family, _type, _proto, canonname, sockaddr in v4:
            self.assertEqual(family, 2)
            self.assertIsInstance(canonname, str)
            self.assertEqual(tuple(sockaddr[:2]), ("127.0.0.1", 8080))
        self.assertEqual(typed[0][1], 1)
        self.assertEqual(typed[0][2], 6)

    @statement("dns.getnameinfo.pair")
    def test_getnameinfo_pair(self) -> None:
        host, service = self.run_async(self.loop.getnameinfo(("127.0.0.1", 80)))
        self.assertIsInstance(host, str)
        self.assertGreater(len(host), 0)
        self.assertIsInstance(service, str)

    @statement("dns.getnameinfo.no-name")
    def test_getnameinfo_no_name(self) -> None:
        async def main():
            plain = await self.loop.getnameinfo(("127.0.0.3", 47123))
            v6 = await self.loop.getnameinfo(("::1", 47123), socket.NI_NUMERICHOST)
            try:
                await self.loop.getnameinfo(("127.0.0.3", 47123), socket.NI_NAMEREQD)
            except socket.gaierror as error:
                required = error
            else:
                required = None
            return plain, v6, required

        plain, v6, required = self.run_async(main())
        self.assertEqual(plain, ("127.0.0.3", "47123"))
        self.assertEqual(v6, ("::1", "47123"))
        self.assertIsInstance(required, socket.gaierror)
        self.assertEqual(socket.NI_NAMEREQD, 8)
