# Pipe transports: a write pipe and a read pipe over one pipe. The reader gets connection_made,
# data_received (chunks joined here: their boundaries mean nothing), eof_received once, then
# connection_lost(None) even though eof_received returned True (a read pipe has nothing to keep
# open). On the write pipe write_eof() closes the transport as close() does: is_closing() at once, a
# later write() is dropped silently, connection_lost(None) once the bytes are out. pause_reading()
# holds data_received and eof_received back until resume_reading().
import asyncio
import os


class Rec(asyncio.Protocol):
    def __init__(self):
        self.events, self.data = [], b""

    def connection_made(self, transport):
        self.events.append("connection_made")

    def data_received(self, data):
        self.data += data
        if self.events[-1] != "data_received":
            self.events.append("data_received")

    def eof_received(self):
        self.events.append("eof_received")
        return True

    def connection_lost(self, exc):
        self.events.append(f"connection_lost {exc}")


async def until(condition):
    for _ in range(2000):
        if condition():
            return
        await asyncio.sleep(0.001)
    raise RuntimeError("condition not met")


async def main():
    loop = asyncio.get_running_loop()
    r, w = os.pipe()
    reader, writer = Rec(), Rec()
    rt, _ = await loop.connect_read_pipe(lambda: reader, open(r, "rb", buffering=0))
    wt, _ = await loop.connect_write_pipe(lambda: writer, open(w, "wb", buffering=0))
    print(f"made before resolving: reader {reader.events}, writer {writer.events}")
    rt.pause_reading()
    print(f"reading after pause_reading: {rt.is_reading()}")
    wt.write(b"piped ")
    wt.write(b"data")
    print(f"can_write_eof: {wt.can_write_eof()}")
    wt.write_eof()
    print(f"writer closing after write_eof: {wt.is_closing()}")
    try:
        wt.write(b" more")
        print("write after write_eof: dropped")
    except Exception as error:  # noqa: BLE001
        print(f"write after write_eof: {type(error).__name__}")
    await until(lambda: len(writer.events) > 1)
    await asyncio.sleep(0.02)
    print(f"while paused: {reader.events}")
    rt.resume_reading()
    print(f"reading after resume_reading: {rt.is_reading()}")
    await until(lambda: reader.events[-1].startswith("connection_lost"))
    print(f"reader got: {reader.data.decode()}")
    print(f"reader: {', '.join(reader.events)}")
    print(f"writer: {', '.join(writer.events)}")
    print(f"reader closing: {rt.is_closing()}")


asyncio.run(main())
