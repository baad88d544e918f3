# wait() and as_completed() want a collection: a single future or coroutine is a TypeError; an empty
# one is a ValueError for wait; a future given twice counts once.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()

    async def coro():
        return 1

    c = coro()
    for name, arg in (("future", fut), ("coroutine", c)):
        try:
            await asyncio.wait(arg)
            print(f"wait {name}: no error")
        except TypeError:
            print(f"wait {name}: TypeError")
        try:
            list(asyncio.as_completed(arg))
            print(f"as_completed {name}: no error")
        except TypeError:
            print(f"as_completed {name}: TypeError")
    c.close()
    try:
        await asyncio.wait([])
    except ValueError:
        print("wait empty: ValueError")
    try:
        await asyncio.wait([fut], return_when="SOMETIMES")
    except ValueError:
        print("wait bad return_when: ValueError")
    fut.set_result("x")
    done, pending = await asyncio.wait([fut, fut])
    print(f"twice: done {len(done)}, pending {len(pending)}")
    results = [await f for f in asyncio.as_completed([fut, fut])]
    print(f"as_completed twice: {results}")


asyncio.run(main())
