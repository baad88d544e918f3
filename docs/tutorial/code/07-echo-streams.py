# Chapter 7: the echo server with streams: a task per client reads lines until EOF and the server
# counts clients served. Python twin of 07-echo-streams.ts.
import asyncio

served = 0


async def handle_client(reader, writer):
    global served
    while True:
        line = await reader.readline()
        if not line:
            break
        writer.write(b"echo:" + line)
        await writer.drain()
    served += 1
    writer.close()


async def client(port, name, lines):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for line in lines:
        writer.write(f"{line}\n".encode())
        reply = await reader.readline()
        print(f"{name}: {reply.decode().strip()}")
    writer.write_eof()
    await reader.read()
    writer.close()


async def main():
    server = await asyncio.start_server(handle_client, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    await client(port, "alice", ["hello", "world"])
    await client(port, "bob", ["ping"])
    server.close()
    await server.wait_closed()
    print(f"clients served: {served}")


loop = asyncio.new_event_loop()
loop.run_until_complete(main())
loop.close()
