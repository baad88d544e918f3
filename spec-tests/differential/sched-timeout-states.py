# The Timeout state machine: reschedule() before entering or after leaving, and entering twice,
# are RuntimeErrors; expired() and when() through the states.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    cm = asyncio.timeout(None)
    try:
        cm.reschedule(loop.time() + 1)
    except RuntimeError:
        print("reschedule before entry: RuntimeError")
    async with cm:
        print(f"inside: expired {cm.expired()}, when {cm.when()}")
        try:
            async with cm:
                pass
        except RuntimeError:
            print("enter twice: RuntimeError")
    try:
        cm.reschedule(None)
    except RuntimeError:
        print("reschedule after exit: RuntimeError")
    cm2 = asyncio.timeout(0)
    try:
        async with cm2:
            await asyncio.sleep(1)
    except TimeoutError:
        print(f"timeout(0): TimeoutError, expired {cm2.expired()}")
    try:
        cm2.reschedule(None)
    except RuntimeError:
        print("reschedule after expiry: RuntimeError")


asyncio.run(main())
