# A Task completed through the base Future class's set_result (bypassing Task's refusal): its next
# step finds it done and reports InvalidStateError to the exception handler as a callback error
# (context keys exception, handle, message); the coroutine never runs. Task.set_result and
# Task.set_exception themselves raise RuntimeError.
import asyncio

async def main():
    loop = asyncio.get_running_loop()

    def handler(_loop, context):
        exc = context.get("exception")
        print(f"handler: keys={sorted(context)} exception={type(exc).__name__}"
              f" callback={context['message'].startswith('Exception in callback')}")

    loop.set_exception_handler(handler)

    async def body(name):
        print(f"{name}: body runs")
        await asyncio.sleep(0)
        print(f"{name}: body resumes")
        return "own"

    a = asyncio.create_task(body("a"))
    for method, arg in (("set_result", 1), ("set_exception", ValueError("x"))):
        try:
            getattr(a, method)(arg)
        except RuntimeError as error:
            print(f"a.{method}: RuntimeError, done={a.done()}")

    # Before the first step: the step finds the task done.
    asyncio.Future.set_result(a, "forced")
    print(f"a forced: done={a.done()} result={a.result()}")
    await asyncio.sleep(0)
    print("after one iteration")

    # While waiting on a future: the wake-up step finds the task done.
    gate = loop.create_future()

    async def waits():
        print("b: waits")
        await gate
        print("b: resumed")

    b = asyncio.create_task(waits())
    await asyncio.sleep(0)
    asyncio.Future.set_exception(b, KeyError("k"))
    print(f"b forced: done={b.done()} exception={type(b.exception()).__name__}")
    gate.set_result(None)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(f"end: a={a.result()} b={type(b.exception()).__name__}")

asyncio.run(main())
