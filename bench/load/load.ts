// Load and faults through the two echo servers a user writes first: a Protocol echo server and a
// streams echo server, each on the pep3156 loop in this process, while a client process (raw
// node:net, bench/load/clients.mjs) runs N clients × M bytes with resets and early half-closes
// mixed in. Prints, per server: clients ok/bad, bytes verified, what reached the loop's exception
// handler, the loop's lag (a 10 ms ticker's lateness: p50, p99, max) and the process's peak RSS.
//
//   npm run load                                   # 200 clients × 1 MiB, both servers
//   npm run load -- --clients 2000 --bytes 1048576 # the issue's figure
//   node --import tsx bench/load/load.ts --server streams --clients 500 --seed 7
//
// Exits 1 when a client saw a wrong or missing byte, or an error reached Node.
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import {
  type AbstractEventLoop,
  type Coroutine,
  newEventLoop,
  Protocol,
  type Server,
  type StreamReader,
  type StreamWriter,
  startServer,
  type Transport,
  wrapFuture,
} from 'pep3156';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '200' },
    bytes: { type: 'string', default: String(1024 * 1024) },
    concurrency: { type: 'string' },
    server: { type: 'string', default: 'both' },
    seed: { type: 'string', default: '3156' },
  },
});
const clients = Number(values.clients);
const bytes = Number(values.bytes);
const concurrency = Number(values.concurrency ?? values.clients);
const kinds = values.server === 'both' ? ['protocol', 'streams'] : [values.server as string];

/** Echoes what it receives; stops reading while the peer does not keep up; closes at EOF. */
class EchoProtocol extends Protocol {
  #transport!: Transport;
  override connectionMade(transport: Transport): void {
    this.#transport = transport;
  }
  override dataReceived(data: Uint8Array): void {
    this.#transport.write(data);
  }
  override pauseWriting(): void {
    this.#transport.pauseReading();
  }
  override resumeWriting(): void {
    this.#transport.resumeReading();
  }
}

/** The streams echo: read, write, drain, until EOF; a reset peer ends it with an error. */
function* echoStreams(reader: StreamReader, writer: StreamWriter): Coroutine<void> {
  try {
    for (;;) {
      const chunk = yield* reader.read(65536);
      if (chunk.length === 0) break;
      writer.write(chunk);
      yield* writer.drain();
    }
  } catch (error) {
    if (!['ConnectionResetError', 'BrokenPipeError'].includes((error as Error).name)) throw error;
  } finally {
    writer.close();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] : 0;
}

function runClients(port: number): Promise<Record<string, unknown>> {
  const script = new URL('./clients.mjs', import.meta.url).pathname;
  const args = [script, port, clients, bytes, concurrency, values.seed].map(String);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(out));
      else reject(new Error(`the client process exited with ${code}`));
    });
  });
}

async function measure(kind: string): Promise<boolean> {
  const loop: AbstractEventLoop = newEventLoop();
  const reported = new Map<string, number>();
  loop.setExceptionHandler((_loop, context) => {
    const key = `${(context.exception as Error | undefined)?.name ?? '-'}: ${context.message}`;
    reported.set(key, (reported.get(key) ?? 0) + 1);
  });
  const lags: number[] = [];
  let ticking = true;
  const tick = (expected: number): void => {
    lags.push(Math.max(0, loop.time() - expected) * 1000);
    if (ticking) loop.callLater(0.01, tick, loop.time() + 0.01);
  };
  function* main(): Coroutine<Record<string, unknown>> {
    const server: Server =
      kind === 'protocol'
        ? yield* loop.createServer(() => new EchoProtocol(), '127.0.0.1', 0, { backlog: 4096 })
        : yield* startServer(echoStreams, '127.0.0.1', 0, { backlog: 4096 });
    const [, port] = (server.sockets[0] as { getsockname(): [string, number] }).getsockname();
    loop.callLater(0.01, tick, loop.time() + 0.01);
    const started = loop.time();
    const result = yield* wrapFuture(runClients(port), { loop });
    const seconds = loop.time() - started;
    ticking = false;
    server.close();
    yield* server.waitClosed();
    return { ...result, seconds };
  }
  const escaped: unknown[] = [];
  const onEscape = (e: unknown): void => {
    escaped.push(e);
  };
  process.on('uncaughtException', onEscape);
  process.on('unhandledRejection', onEscape);
  const result = await loop.runUntilComplete(loop.createTask(main()));
  process.off('uncaughtException', onEscape);
  process.off('unhandledRejection', onEscape);
  loop.close();
  lags.sort((a, b) => a - b);
  const mb = (n: number): string =>
    n >= 1024 * 1024
      ? `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) ? 1 : 0)} MiB`
      : `${(n / 1024).toFixed(0)} KiB`;
  console.log(
    `\n${kind} echo server: ${clients} clients × ${mb(bytes)} (${concurrency} at once), seed ${values.seed}`,
  );
  console.log(
    `  clients   ${result.ok} ok, ${result.bad} bad  (whole ${result.whole}, early half-close ${result.early}, reset ${result.reset})`,
  );
  console.log(
    `  bytes     ${result.bytesVerified} verified (${mb(Number(result.bytesVerified))}) in ${Number(result.seconds).toFixed(2)} s`,
  );
  console.log(
    `  loop lag  p50 ${percentile(lags, 50).toFixed(1)} ms, p99 ${percentile(lags, 99).toFixed(1)} ms, max ${(lags.at(-1) ?? 0).toFixed(1)} ms`,
  );
  console.log(
    `  peak RSS  ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (this process, cumulative)`,
  );
  console.log(
    `  handler   ${reported.size ? [...reported].map(([k, n]) => `${n}× ${k}`).join('; ') : 'nothing reported'}`,
  );
  console.log(`  escaped   ${escaped.length} error(s) reached Node`);
  for (const why of result.failures as string[]) console.log(`  failure   ${why}`);
  return result.bad === 0 && escaped.length === 0;
}

let ok = true;
for (const kind of kinds) ok = (await measure(kind)) && ok;
process.exit(ok ? 0 : 1);
