# Queue (CPython test_get_cancel_drop_one_pending_reader, test_put_cancel_drop,
# test_put_cancelled_race): a reader or writer cancelled after it was woken drops nothing; a
# retry gets the first item or puts its own; a cancelled queued putter leaves the order intact.
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
    q = asyncio.Queue()
    reader = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    q.put_nowait(1)
    q.put_nowait(2)
    reader.cancel()
    try:
        await reader
    except asyncio.CancelledError:
        print(f"{it}: reader cancelled, qsize={q.qsize()}")
        reader = asyncio.create_task(q.get())
        print(f"{it}: retry got {await reader}")

    q = asyncio.Queue(1)
    q.put_nowait(1)
    writer = asyncio.create_task(q.put(2))
    await asyncio.sleep(0)
    print(f"{it}: got {q.get_nowait()}")
    writer.cancel()
    try:
        await writer
    except asyncio.CancelledError:
        print(f"{it}: writer cancelled, qsize={q.qsize()}")
        writer = asyncio.create_task(q.put(2))
        await writer
    print(f"{it}: got {q.get_nowait()}, qsize={q.qsize()}")

    q = asyncio.Queue(1)
    put_a = asyncio.create_task(q.put("a"))
    put_b = asyncio.create_task(q.put("b"))
    put_c = asyncio.create_task(q.put("X"))
    await asyncio.sleep(0)
    print(f"{it}: a done={put_a.done()}, b done={put_b.done()}")
    put_c.cancel()
    await asyncio.sleep(0)
    print(f"{it}: c done={put_c.done()}, got {q.get_nowait()}")
    await asyncio.sleep(0)
    print(f"{it}: got {q.get_nowait()}")
    await put_b
    print(f"{it}: b done, qsize={q.qsize()}")

asyncio.run(main())
