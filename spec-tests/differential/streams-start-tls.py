# StreamWriter.start_tls over loopback: a plain line, then both sides upgrade the same reader and
# writer, then lines over TLS, a half-close attempt and the end of the stream. Only what each side
# sees, in the order the two sides hand the conversation over (every step waits for the previous).
# The certificate is the test one (localhost and 127.0.0.1) under spec-tests/python/_data.
import asyncio
import os
import ssl

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python", "_data")


def contexts():
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(os.path.join(DATA, "cert.pem"), os.path.join(DATA, "key.pem"))
    client = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    client.load_verify_locations(os.path.join(DATA, "cert.pem"))
    return server, client


async def main():
    server_ctx, client_ctx = contexts()
    done = asyncio.get_running_loop().create_future()

    async def handle(reader, writer):
        line = await reader.readline()
        print(f"server: plain line {line.decode()!r}, tls={writer.get_extra_info('cipher') is not None}")
        writer.write(b"ok, upgrade\n")
        await writer.drain()
        await writer.start_tls(server_ctx)
        print(f"server: upgraded, tls={writer.get_extra_info('cipher') is not None}")
        line = await reader.readline()
        print(f"server: tls line {line.decode()!r}")
        writer.write(b"secret reply\n")
        await writer.drain()
        rest = await reader.read()
        print(f"server: read to eof {rest.decode()!r}, at_eof={reader.at_eof()}")
        writer.close()
        await writer.wait_closed()
        done.set_result(None)

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    print(f"client: can_write_eof before={writer.can_write_eof()}")
    writer.write(b"hello\n")
    print(f"client: reply {(await reader.readline()).decode()!r}")
    before = writer.transport
    await writer.start_tls(client_ctx, server_hostname="localhost")
    print(f"client: upgraded, new transport={writer.transport is not before}, "
          f"tls={writer.get_extra_info('cipher') is not None}, peercert={bool(writer.get_extra_info('peercert'))}, "
          f"can_write_eof={writer.can_write_eof()}")
    writer.write(b"over tls\n")
    print(f"client: reply {(await reader.readline()).decode()!r}")
    writer.write(b"last words")
    await writer.drain()
    writer.close()
    await writer.wait_closed()
    await done
    print(f"client: closed, is_closing={writer.is_closing()}")
    server.close()
    await server.wait_closed()


asyncio.run(main())
