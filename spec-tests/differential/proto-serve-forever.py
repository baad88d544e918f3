# serve_forever() on a server created with start_serving=False: it starts serving, a second
# serve_forever() fails with RuntimeError, close() cancels the first (CancelledError to its awaiter),
# counted in loop iterations by a call_soon ticker; afterwards serve_forever() on the closed server
# fails with RuntimeError too. (start_serving() on a closed server is left out: CPython fails it
# with a TypeError from its internals.)
import asyncio

it = 0


async def main():
    loop = asyncio.get_running_loop()

    def tick():
        global it
        it += 1
        loop.call_soon(tick)

    loop.call_soon(tick)
    server = await loop.create_server(asyncio.Protocol, "127.0.0.1", 0, start_serving=False)
    print("before: is_serving", server.is_serving())
    forever = asyncio.ensure_future(server.serve_forever())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("serve_forever running: is_serving", server.is_serving(), "| done", forever.done())
    try:
        await server.serve_forever()
    except RuntimeError:
        print("second serve_forever: RuntimeError")
    at = it
    server.close()
    print("after close: is_serving", server.is_serving(), "| done", forever.done())
    try:
        await forever
        print("serve_forever returned")
    except asyncio.CancelledError:
        print("serve_forever: CancelledError, iterations after close:", it - at)
    print("cancelled:", forever.cancelled())
    try:
        await server.serve_forever()
        print("serve_forever on a closed server: completed")
    except RuntimeError:
        print("serve_forever on a closed server: RuntimeError")
    await server.wait_closed()
    print("wait_closed done")


asyncio.run(main())
