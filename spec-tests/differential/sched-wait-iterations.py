# Which iteration wait() returns in: with a future already done, with FIRST_EXCEPTION on an already
# failed future, when a future completes later, and with timeout=0.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    it = 0

    def tick():
        nonlocal it
        it += 1
        if it < 40:
            loop.call_soon(tick)

    loop.call_soon(tick)
    await asyncio.sleep(0)
    done_f = loop.create_future()
    done_f.set_result(1)
    start = it
    await asyncio.wait([done_f])
    print(f"already done: +{it - start}")
    failed = loop.create_future()
    failed.set_exception(ValueError("x"))
    other = loop.create_future()
    start = it
    done, pending = await asyncio.wait([failed, other], return_when=asyncio.FIRST_EXCEPTION)
    print(f"first exception: +{it - start}, done {len(done)}, pending {len(pending)}")
    later = loop.create_future()
    loop.call_soon(later.set_result, 2)
    start = it
    await asyncio.wait([later])
    print(f"completes next iteration: +{it - start}")
    start = it
    done, pending = await asyncio.wait([other], timeout=0)
    print(f"timeout 0: +{it - start}, done {len(done)}, pending {len(pending)}")
    failed.exception()


asyncio.run(main())
