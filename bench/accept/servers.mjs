// The course's first server (echo, and close the server when its first connection is lost) in two
// builds, for burst.mjs: `node servers.mjs <node|pep3156> <port> [warm]`. With `warm` > 0 the
// server first serves that many connections from this process, so that its code is compiled, and
// those do not close it. Prints `ready` once it waits for the measured client, and at the end
// `accepted N`.
import net from 'node:net';

const [kind, portArg, warmArg] = process.argv.slice(2);
const port = Number(portArg);
const warmUp = Number(warmArg ?? 0);
const echo = (data) => Buffer.concat([Buffer.from('echo:'), data]);

/** Serves `count` connections from this process (connect, send a line, read the reply, end). */
function selfClients(count, done) {
  if (count === 0) return done();
  let finished = 0;
  for (let i = 0; i < count; i++) {
    const c = net.connect(port, '127.0.0.1', () => c.write('warm\n'));
    c.on('data', () => c.end());
    c.on('close', () => {
      if (++finished === count) done();
    });
  }
}

if (kind === 'node') {
  let warm = warmUp > 0;
  let accepted = 0;
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    const measured = !warm;
    if (measured) accepted++;
    socket.on('data', (data) => socket.write(echo(data)));
    socket.on('end', () => socket.end());
    socket.on('close', () => {
      if (measured) server.close();
    });
  });
  server.on('close', () => console.log(`accepted ${accepted}`));
  server.listen(port, '127.0.0.1', () =>
    selfClients(warmUp, () => {
      warm = false;
      console.log('ready');
    }),
  );
} else if (kind === 'pep3156') {
  const { newEventLoop, Protocol } = await import('pep3156');
  let warm = warmUp > 0;
  let accepted = 0;
  let server = null;
  class EchoServer extends Protocol {
    connectionMade(transport) {
      this.transport = transport;
      this.measured = !warm;
      if (this.measured) accepted++;
    }
    dataReceived(data) {
      this.transport.write(echo(data));
    }
    connectionLost() {
      if (this.measured) server.close();
    }
  }
  const loop = newEventLoop();
  function* main() {
    server = yield* loop.createServer(() => new EchoServer(), '127.0.0.1', port);
    const warmed = loop.createFuture();
    selfClients(warmUp, () => warmed.setResult(undefined));
    yield* warmed;
    warm = false;
    console.log('ready');
    yield* server.waitClosed();
  }
  await loop.runUntilComplete(main());
  loop.close();
  console.log(`accepted ${accepted}`);
} else {
  console.error('usage: node servers.mjs <node|pep3156> <port> [warm]');
  process.exit(2);
}
