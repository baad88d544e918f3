# stop(): the iteration in which it is called finishes (every callback that was ready when the
# iteration began runs; none scheduled during it), and the next run resumes with nothing lost.
# stop() before run_forever() ends the run after one iteration. run_until_complete() stops in the
# iteration after the future is done (through the future's done callback), and runs nothing more.
import asyncio

loop = asyncio.new_event_loop()
runs = 0

def log(name):
    print(f"run {runs}: {name}")

def stopper():
    log("stopper calls stop()")
    loop.stop()
    loop.call_soon(log, "scheduled by stopper")

loop.call_soon(log, "a")
loop.call_soon(stopper)
loop.call_soon(log, "b (ready before stop)")
loop.call_later(0, log, "due timer")
runs = 1
loop.run_forever()
runs = 2
loop.call_soon(lambda: (log("c"), loop.call_soon(log, "d"), loop.call_soon(loop.stop)))
loop.run_forever()
runs = 3
loop.stop()
loop.call_soon(lambda: (log("e"), loop.call_soon(log, "f (next iteration)")))
loop.run_forever()
runs = 4
fut = loop.create_future()
loop.call_soon(lambda: (log("g settles fut"), fut.set_result("value"), loop.call_soon(log, "h")))
loop.call_soon(log, "i")
print(f"run_until_complete -> {loop.run_until_complete(fut)}")
runs = 5
loop.call_soon(loop.stop)
loop.run_forever()
loop.close()
