# Chapter 2: one coroutine waits on another. In Python 3.4 this was `yield from compute(x, y)`;
# Python 3.5+ spells it `await`. TypeScript spells it `yield*`. Python twin of 02-yield-from.ts.
import asyncio


async def compute(x, y):
    print(f"compute {x} + {y} ...")
    await asyncio.sleep(0.01)
    return x + y


async def print_sum(x, y):
    result = await compute(x, y)
    print(f"{x} + {y} = {result}")


loop = asyncio.new_event_loop()
loop.run_until_complete(print_sum(1, 2))
loop.close()
