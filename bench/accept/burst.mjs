// How promptly a server accepts a burst of connections: the course's first server (it closes
// itself when its first connection is lost) against a CPython asyncio client that opens 50
// connections at once (examples/echo-protocol/asyncio_client.py). Connections the server has not
// accepted when it closes are reset, so "answered of 50" counts how many it accepted in time.
// Each server runs cold (a fresh process: its JavaScript not yet compiled) and warm (after serving
// 300 connections of its own).
//
//   npm run build -w pep3156 && node bench/accept/burst.mjs [--runs 10] [--python python3]
//
// `--source` runs the servers on pep3156's TypeScript source (through tsx) instead of its build, and
// `--warm 0` or `--warm 300` only that start: the test's quick check.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const client = path.join(here, '../../examples/echo-protocol/asyncio_client.py');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    python: { type: 'string', default: 'python3' },
    warm: { type: 'string' },
    source: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);

/** A free loopback port. */
async function freePort() {
  const probe = net.createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address();
  probe.close();
  return port;
}

/** One run: the server, then the client once the server says `ready`; returns answered and accepted. */
async function measureOnce(kind, warm) {
  const port = await freePort();
  const loader = values.source ? ['--conditions=source', '--import', 'tsx'] : [];
  const args = [...loader, path.join(here, 'servers.mjs'), kind, String(port), String(warm)];
  const server = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  server.stdout.setEncoding('utf8');
  await new Promise((resolve, reject) => {
    server.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('ready')) resolve();
    });
    server.on('exit', () => reject(new Error(`${kind} server exited early: ${out}`)));
  });
  const result = spawnSync(values.python, [client, String(port)], { encoding: 'utf8', timeout: 30_000 });
  await once(server, 'exit');
  const answered = Number(/answered (\d+) of 50/.exec(result.stdout)?.[1] ?? Number.NaN);
  const accepted = Number(/accepted (\d+)/.exec(out)?.[1] ?? Number.NaN);
  return { answered, accepted };
}

console.log(`${runs} runs each; client: ${values.python} ${path.relative(process.cwd(), client)}`);
console.log('| server | start | answered of 50, each run | mean |');
console.log('|---|---|---|---|');
for (const warm of values.warm === undefined ? [0, 300] : [Number(values.warm)]) {
  for (const kind of ['node', 'pep3156']) {
    const answered = [];
    for (let i = 0; i < runs; i++) {
      const r = await measureOnce(kind, warm);
      if (r.answered !== r.accepted)
        console.error(`${kind}: answered ${r.answered} but accepted ${r.accepted}`);
      answered.push(r.answered);
    }
    const mean = answered.reduce((a, b) => a + b, 0) / runs;
    const label = kind === 'node' ? 'raw node:net' : 'pep3156 (dist)';
    console.log(
      `| ${label} | ${warm ? `warm (${warm} served)` : 'cold'} | ${answered.join(' ')} | ${mean.toFixed(1)} |`,
    );
  }
}
