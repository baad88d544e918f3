// The course's two echo servers, run as real programs and driven by a real TCP client.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { connect, createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
/** A CPython >= 3.11 on the PATH for the asyncio client, if there is one. */
const python = ['python3', 'python3.13', 'python3.12', 'python3.11'].find(
  (name) =>
    spawnSync(name, ['-c', 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'], {
      timeout: 10_000,
    }).status === 0,
);
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Starts an example and resolves once it says it is serving. */
function start(script: string, port: number): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', path.join(here, script), String(port)],
    {
      cwd: path.resolve(here, '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`example did not start:\n${out}`)), 15_000);
    child.stdout?.on('data', () => {
      if (out.includes('serving on')) {
        clearTimeout(timer);
        resolve({ child, output: () => out });
      }
    });
    child.on('exit', () => reject(new Error(`example exited early:\n${out}`)));
  });
}

/** Sends each message, waits for its reply, then half-closes and collects what is left. */
function converse(port: number, messages: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const replies: string[] = [];
    const socket = connect(port, '127.0.0.1');
    let i = 0;
    socket.on('connect', () => socket.write(messages[i]));
    socket.on('data', (d) => {
      replies.push(d.toString());
      i += 1;
      if (i < messages.length) socket.write(messages[i]);
      else socket.end();
    });
    socket.on('close', () => resolve(replies));
    socket.on('error', reject);
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.on('exit', (code) => resolve(code));
  });
}

describe('examples', () => {
  it('echo-protocol replies echo: to each message and closes the server when the client leaves', async () => {
    const port = await freePort();
    const { child, output } = await start('echo-protocol/server.ts', port);
    const replies = await converse(port, ['hello', 'world']);
    expect(replies).toEqual(['echo:hello', 'echo:world']);
    expect(await exited(child)).toBe(0);
    expect(output()).toContain('server closed');
  }, 30_000);

  // The course's scenario: a CPython asyncio client opens 50 connections at once against the server
  // that closes itself when its first connection is lost. How many are accepted before that is a
  // race (raw node:net answers a similar share; see the node-differences page), but every
  // connection that reached the protocol is answered: close() stops accepting, it drops no
  // connection already accepted.
  it.skipIf(!python)(
    'echo-protocol against an asyncio client: every connection that reached the protocol is answered',
    async () => {
      const port = await freePort();
      const { child, output } = await start('echo-protocol/server.ts', port);
      const client = spawn(
        python as string,
        [path.join(here, 'echo-protocol/asyncio_client.py'), String(port)],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      children.push(client);
      let printed = '';
      client.stdout?.on('data', (d) => {
        printed += d;
      });
      client.stderr?.on('data', (d) => {
        printed += d;
      });
      expect(await exited(client), printed).toBe(0);
      expect(await exited(child)).toBe(0);
      const count = (label: string) =>
        Number(new RegExp(`^${label} (\\d+)`, 'm').exec(printed)?.[1] ?? Number.NaN);
      const made = output()
        .split('\n')
        .filter((line) => line.startsWith('connection from')).length;
      expect(count('wrong'), printed).toBe(0);
      expect(count('answered') + count('reset'), printed).toBe(50);
      expect(count('answered'), `${printed}\n${output()}`).toBe(made);
      expect(made).toBeGreaterThan(0);
      expect(output()).toContain('server closed');
    },
    30_000,
  );

  it('echo-streams echoes lines per client, counts clients and shuts down cleanly on SIGINT', async () => {
    const port = await freePort();
    const { child, output } = await start('echo-streams/server.ts', port);
    expect(await converse(port, ['one\n', 'two\n'])).toEqual(['echo:one\n', 'echo:two\n']);
    expect(await converse(port, ['three\n'])).toEqual(['echo:three\n']);
    child.kill('SIGINT');
    expect(await exited(child)).toBe(0);
    expect(output()).toContain('clients served: 2');
  }, 30_000);
});
