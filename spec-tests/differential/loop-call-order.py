# call_soon, call_later(0) and call_at(now) interleaved: which iteration each callback runs in and
# in what order. Due timers join the ready queue behind the callbacks already there; two timers with
# the same deadline run in registration order (with more than two, asyncio's heap order is not
# registration order, which the PEP leaves undefined, so this scenario stays at two).
import asyncio

loop = asyncio.new_event_loop()
it = 0

def tick():
    global it
    it += 1
    if it < 10:
        loop.call_soon(tick)

def log(name):
    print(f"{it}: {name}")

def nested():
    log("nested (call_soon from a callback)")
    loop.call_soon(log, "scheduled by nested")
    loop.call_later(0, log, "call_later(0) from nested")

loop.call_soon(tick)
now = loop.time()
loop.call_later(0, log, "call_later(0) first")
loop.call_soon(log, "call_soon a")
loop.call_at(now, log, "call_at(now) second")
loop.call_soon(nested)
loop.call_at(now - 1, log, "call_at(past)")
loop.call_soon(log, "call_soon b")
h = loop.call_soon(log, "cancelled")
h.cancel()
loop.call_later(0.02, loop.stop)
loop.run_forever()
loop.close()
