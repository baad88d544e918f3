# gather refuses futures of two different loops (ValueError), and an argument given twice is one
# child (its result appears twice).
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    other = asyncio.new_event_loop()
    mine = loop.create_future()
    theirs = other.create_future()
    try:
        asyncio.gather(mine, theirs)
        print("two loops: no error")
    except ValueError:
        print("two loops: ValueError")
    other.close()
    mine.set_result("m")
    print(f"twice: {await asyncio.gather(mine, mine)}")


asyncio.run(main())
