# wait(FIRST_COMPLETED) computes done and pending when the waiting task resumes, not when the first
# future completed: a future that completes in between is in done too.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    a = loop.create_future()
    b = loop.create_future()
    c = loop.create_future()
    loop.call_soon(a.set_result, "a")
    loop.call_soon(loop.call_soon, b.set_result, "b")
    done, pending = await asyncio.wait([a, b, c], return_when=asyncio.FIRST_COMPLETED)
    print(f"done: {sorted(f.result() for f in done)}")
    print(f"pending: {len(pending)}")
    d = loop.create_future()
    loop.call_later(0.01, d.set_result, "d")
    loop.call_later(0.01, loop.call_soon, c.set_result, "c")
    done, pending = await asyncio.wait([c, d], timeout=0.01)
    print(f"at timeout: done {len(done)}, pending {len(pending)}")


asyncio.run(main())
