# Chapter 3: the futures exercise. A coroutine completes a Future; the loop runs until it is done,
# then a done callback stops a second loop. Python twin of 03-futures.ts.
import asyncio


async def slow_operation(future):
    await asyncio.sleep(0.01)
    future.set_result("Future is done!")


def got_result(future):
    print(f"callback: {future.result()}")
    future.get_loop().stop()


loop = asyncio.new_event_loop()
future = loop.create_future()
loop.create_task(slow_operation(future))
loop.run_until_complete(future)
print(f"run_until_complete: {future.result()}")

future = loop.create_future()
loop.create_task(slow_operation(future))
future.add_done_callback(got_result)
loop.run_forever()
loop.close()
