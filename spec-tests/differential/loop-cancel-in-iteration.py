# Cancelling a handle that is already in this iteration's batch: a callback (or a due timer moved to
# the ready queue) cancelled by an earlier callback of the same iteration does not run. cancel() is
# idempotent and cancelling a handle that already ran changes nothing.
import asyncio

loop = asyncio.new_event_loop()
it = 0

def tick():
    global it
    it += 1
    if it < 10:
        loop.call_soon(tick)
    else:
        loop.stop()

def log(name):
    print(f"{it}: {name}")

loop.call_soon(tick)
timer = loop.call_later(0, log, "timer (cancelled in the same iteration)")

def canceller():
    log("canceller cancels the queued callback and the due timer")
    victim.cancel()
    victim.cancel()
    timer.cancel()
    print(f"{it}: cancelled: {victim.cancelled()} {timer.cancelled()}")

loop.call_soon(canceller)
victim = loop.call_soon(log, "victim (never runs)")
ran = loop.call_soon(log, "ran")

def after():
    ran.cancel()
    print(f"{it}: cancelling a handle that ran: cancelled={ran.cancelled()}")

loop.call_soon(lambda: loop.call_soon(after))
loop.run_forever()
loop.close()
