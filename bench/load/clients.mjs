// The client side of bench/load/load.ts, in a process of its own (raw node:net, so the server's
// loop and memory are measured alone). argv: port clients bytes concurrency seed.
// Each client is one of three kinds, chosen by a seeded generator:
// - whole (8 in 10): sends `bytes` in 64 KiB writes, half-closes, reads the echo to the end and
//   checks it byte for byte;
// - early (1 in 10): sends a random part, half-closes, and checks the echo of that part;
// - reset (1 in 10): sends a random part and resets the connection (RST) without waiting.
// Prints one JSON line: counts per kind, ok/bad, bytes verified, and the first few failures.
import { connect } from 'node:net';

const [port, clients, bytes, concurrency, seed] = process.argv.slice(2).map(Number);

// mulberry32: a small seeded generator, so that a run can be repeated.
let state = seed >>> 0;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** The bytes client `id` sends: a pattern that differs per client and per offset. */
function payload(id, length) {
  const b = Buffer.allocUnsafe(length);
  for (let i = 0; i < length; i++) b[i] = (i * 31 + id * 7 + (i >>> 10)) & 0xff;
  return b;
}

function runClient(id) {
  const roll = random();
  const kind = roll < 0.8 ? 'whole' : roll < 0.9 ? 'early' : 'reset';
  const length = kind === 'whole' ? bytes : Math.floor(random() * bytes);
  const data = payload(id, length);
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const received = [];
    let got = 0;
    let settled = false;
    const done = (ok, why) => {
      if (settled) return;
      settled = true;
      resolve({ kind, ok, why, verified: ok && kind !== 'reset' ? length : 0 });
    };
    socket.on('data', (chunk) => {
      received.push(chunk);
      got += chunk.length;
    });
    socket.on('error', (error) => {
      if (kind !== 'reset') done(false, `${kind} client ${id}: ${error.code ?? error.message}`);
    });
    socket.on('close', () => {
      if (kind === 'reset') return done(true);
      const back = Buffer.concat(received, got);
      if (back.equals(data)) done(true);
      else
        done(
          false,
          `${kind} client ${id}: ${got} of ${length} bytes back${got === length ? ', corrupted' : ''}`,
        );
    });
    socket.on('connect', () => {
      let at = 0;
      const pump = () => {
        while (at < length) {
          const end = Math.min(at + 65536, length);
          const more = socket.write(data.subarray(at, end));
          at = end;
          if (!more) return socket.once('drain', pump);
        }
        if (kind === 'reset') {
          socket.resetAndDestroy();
          done(true);
        } else socket.end();
      };
      pump();
    });
  });
}

const results = [];
let next = 0;
async function lane() {
  while (next < clients) results.push(await runClient(next++));
}
await Promise.all(Array.from({ length: Math.min(concurrency, clients) }, lane));

const count = (f) => results.filter(f).length;
console.log(
  JSON.stringify({
    clients: results.length,
    whole: count((r) => r.kind === 'whole'),
    early: count((r) => r.kind === 'early'),
    reset: count((r) => r.kind === 'reset'),
    ok: count((r) => r.ok),
    bad: count((r) => !r.ok),
    bytesVerified: results.reduce((n, r) => n + r.verified, 0),
    failures: results
      .filter((r) => !r.ok)
      .slice(0, 5)
      .map((r) => r.why),
  }),
);
