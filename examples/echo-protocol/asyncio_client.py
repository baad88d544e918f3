"""The course's scenario for its first server, as a CPython asyncio client: 50 connections opened at
once, each sends one line, reads the reply and closes. The server closes itself when its first
connection is lost, so connections still in the kernel's accept queue then are reset: how many are
answered is a race. Prints `answered N of 50` and `reset M`.

    python3 examples/echo-protocol/asyncio_client.py PORT
"""
import asyncio
import sys


async def one(port: int, i: int) -> str:
    try:
        reader, writer = await asyncio.open_connection('127.0.0.1', port)
        writer.write(b'hello %d\n' % i)
        await writer.drain()
        data = await reader.read(100)
        writer.close()
        return 'answered' if data == b'echo:hello %d\n' % i else 'wrong'
    except ConnectionError:
        return 'reset'


async def main(port: int, n: int) -> None:
    results = await asyncio.gather(*(one(port, i) for i in range(n)))
    print(f'answered {results.count("answered")} of {n}')
    print(f'reset {results.count("reset")}')
    print(f'wrong {results.count("wrong")}')


asyncio.run(main(int(sys.argv[1]), 50))
