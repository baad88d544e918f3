# Chapter 1: the event loop runs callbacks. Python twin of 01-first-loop.ts.
import asyncio


def hello(name):
    print(f"hello {name}")


loop = asyncio.new_event_loop()
loop.call_soon(hello, "first")
loop.call_later(0.02, hello, "later")
loop.call_soon(hello, "second")
loop.call_later(0.04, loop.stop)
loop.run_forever()
loop.close()
print("loop closed")
