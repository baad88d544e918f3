# What the exception handler receives: for a failing call_soon callback, a failing timer, a failing
# done callback and a failing call_soon_threadsafe callback the context holds message, exception and
# handle (the handle of that callback); in debug mode also source_traceback; the loop goes on.
# call_exception_handler passes a custom context through unchanged.
import asyncio

loop = asyncio.new_event_loop()
handles = {}

def handler(_loop, context):
    which = context.get("which") or next((k for k, h in handles.items() if h is context.get("handle")), "done callback")
    exc = context.get("exception")
    print(f"{which}: keys={sorted(context)} exception={type(exc).__name__ if exc else None}"
          f" loop={_loop is loop} message={bool(context.get('message'))}")

loop.set_exception_handler(handler)

def fail(kind):
    raise {"soon": ValueError, "timer": KeyError, "threadsafe": LookupError}[kind](kind)

handles["soon"] = loop.call_soon(fail, "soon")
loop.call_soon(print, "next callback runs")
handles["timer"] = loop.call_later(0, fail, "timer")
handles["threadsafe"] = loop.call_soon_threadsafe(fail, "threadsafe")
fut = loop.create_future()

def bad_done(f):
    raise ZeroDivisionError("done callback")

fut.add_done_callback(bad_done)
fut.set_result(None)
loop.call_soon(loop.call_exception_handler, {"message": "custom", "which": "custom", "extra": 1})
loop.call_later(0.01, loop.stop)
loop.run_forever()
print("debug mode:")
loop.set_debug(True)
loop.slow_callback_duration = 100
handles["soon"] = loop.call_soon(fail, "soon")
handles["timer"] = loop.call_later(0, fail, "timer")
loop.call_later(0.01, loop.stop)
loop.run_forever()
loop.close()
