# Cancellation through a chain of awaits: cancelling the outer task cancels the task it awaits and,
# through it, the innermost future, with the message all the way down; each level sees the
# CancelledError in turn, inner first. A child cancelled on its own makes its awaiting parent see a
# CancelledError too, though nobody cancelled the parent (its cancelling() stays 0), and the parent
# may catch it and go on.
import asyncio

async def main():
    loop = asyncio.get_running_loop()
    it = 0

    def tick():
        nonlocal it
        it += 1
        if it < 30:
            loop.call_soon(tick)

    loop.call_soon(tick)
    leaf = loop.create_future()

    async def inner():
        try:
            await leaf
        except asyncio.CancelledError as error:
            print(f"{it}: inner caught '{error}' leaf.cancelled={leaf.cancelled()}")
            raise

    async def outer(child):
        try:
            await child
        except asyncio.CancelledError as error:
            print(f"{it}: outer caught '{error}' child.cancelled={child.cancelled()}")
            raise

    child = asyncio.create_task(inner())
    parent = asyncio.create_task(outer(child))
    await asyncio.sleep(0)
    print(f"{it}: cancel parent: {parent.cancel('shutdown')}")
    print(f"{it}: child.cancelling={child.cancelling()} parent.cancelling={parent.cancelling()}")
    try:
        await parent
    except asyncio.CancelledError as error:
        print(f"{it}: main caught '{error}' parent.cancelled={parent.cancelled()}")

    async def lonely_child():
        await asyncio.sleep(10)

    async def forgiving_parent(c):
        try:
            await c
        except asyncio.CancelledError as error:
            me = asyncio.current_task()
            print(f"{it}: forgiving parent caught '{error}' cancelling={me.cancelling()}")
        return "parent went on"

    c2 = asyncio.create_task(lonely_child())
    p2 = asyncio.create_task(forgiving_parent(c2))
    await asyncio.sleep(0)
    print(f"{it}: cancel the child only: {c2.cancel('child only')}")
    value = await p2
    print(f"{it}: {value}, parent cancelled={p2.cancelled()} child cancelled={c2.cancelled()}")

asyncio.run(main())
