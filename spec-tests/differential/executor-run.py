# run_in_executor(): the result of the call, positional arguments, an exception of the same class
# name and message, and the loop keeps running callbacks while the call runs. After
# shutdown_default_executor(), run_in_executor(None, ...) raises RuntimeError.
import asyncio
import time

def mul(x, y):
    return x * y

def fails():
    raise ValueError("bad input")

def slow():
    time.sleep(0.2)
    return "slow done"

async def main():
    loop = asyncio.get_running_loop()
    print(f"mul: {await loop.run_in_executor(None, mul, 6, 7)}")
    try:
        await loop.run_in_executor(None, fails)
    except Exception as error:  # noqa: BLE001
        print(f"fails: {type(error).__name__} '{error}'")
    busy = loop.run_in_executor(None, slow)
    ticks = 0
    while not busy.done():
        ticks += 1
        await asyncio.sleep(0.005)
    print(f"slow: {await busy}, the loop ticked meanwhile: {ticks >= 2}")
    await loop.shutdown_default_executor()
    try:
        loop.run_in_executor(None, mul, 1, 2)
        print("after shutdown: no error")
    except RuntimeError:
        print("after shutdown: RuntimeError")

asyncio.run(main())
