// spec-tests/tests/subprocess/protocol-order.test.ts: PEP 3156 § Subprocess Protocol, § Pipes and Subprocesses
// > connection_made(transport) ... pipe_data_received(fd, data) ... pipe_connection_lost(fd, exc)
// > ... process_exited() ... connection_lost(exc) is called after process_exited() and after
// > every pipe was closed (CPython's base_subprocess).
import type { SubprocessProtocol, SubprocessTransport } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';
import { until } from '../support/net.js';

/** Records every subprocess protocol call. */
class Rec implements SubprocessProtocol {
  events: string[] = [];
  out: Record<number, string> = { 1: '', 2: '' };
  transport: SubprocessTransport | null = null;
  connectionMade(t: SubprocessTransport): void {
    this.transport = t;
    this.events.push('connectionMade');
  }
  pipeDataReceived(fd: 1 | 2, data: Uint8Array): void {
    this.events.push(`data${fd}`);
    this.out[fd] += new TextDecoder().decode(data);
  }
  pipeConnectionLost(fd: 0 | 1 | 2, _exc: Error | null): void {
    this.events.push(`lost${fd}`);
  }
  processExited(): void {
    this.events.push('exited');
  }
  connectionLost(exc: Error | null): void {
    this.events.push(`connectionLost:${String(exc)}`);
  }
}

const NODE = process.execPath;

section('subprocess', 'Subprocess Protocol', () => {
  statement(
    'subprocess.protocol.order',
    'connectionMade comes first, each pipe is lost once after its data, connectionLost(null) last after the exit',
    async ({ loop, run }) => {
      const rec = new Rec();
      const got = await run(
        (function* () {
          const [transport, proto] = yield* loop.subprocessExec(() => rec, NODE, [
            '-e',
            "process.stdout.write('out'); process.stderr.write('err')",
          ]);
          const first = proto.events.slice();
          yield* until(loop, () => rec.events.some((e) => e.startsWith('connectionLost')), 5);
          return [proto === rec, first, transport.getReturncode()];
        })(),
      );
      expect(got).toEqual([true, ['connectionMade'], 0]);
      const ev = rec.events;
      expect(ev.filter((e) => e.startsWith('lost')).sort(), 'each pipe lost once').toEqual([
        'lost0',
        'lost1',
        'lost2',
      ]);
      expect(
        ev.filter((e) => e === 'exited'),
        'processExited once',
      ).toHaveLength(1);
      expect(ev.at(-1), 'connectionLost last').toBe('connectionLost:null');
      for (const fd of [1, 2])
        expect(ev.lastIndexOf(`data${fd}`), `data on ${fd} before its loss`).toBeLessThan(
          ev.indexOf(`lost${fd}`),
        );
      expect(rec.out).toEqual({ 1: 'out', 2: 'err' });
    },
    { timeout: 10_000 },
  );

  statement(
    'subprocess.protocol.lost-same-iteration',
    'connectionLost comes in the loop iteration of the last of processExited and the pipe losses',
    async ({ loop, run }) => {
      const got = await run(
        (function* () {
          let it = 0;
          let ticking = true;
          const tick = () => {
            it += 1;
            if (ticking) loop.callSoon(tick);
          };
          loop.callSoon(tick);
          const out: number[][] = [];
          for (const code of ['', "process.stdout.write('out'); process.stderr.write('err')"]) {
            const rec = new Rec();
            const at: number[] = [];
            let lostAt = -1;
            for (const method of ['pipeConnectionLost', 'processExited'] as const) {
              const original = rec[method].bind(rec) as (...a: unknown[]) => void;
              (rec as unknown as Record<string, (...a: unknown[]) => void>)[method] = (...a: unknown[]) => {
                at.push(it);
                original(...a);
              };
            }
            const lost = rec.connectionLost.bind(rec);
            rec.connectionLost = (exc) => {
              lostAt = it;
              lost(exc);
            };
            yield* loop.subprocessExec(() => rec, NODE, ['-e', code]);
            yield* until(loop, () => lostAt !== -1, 5);
            out.push([Math.max(...at), lostAt, at.length]);
          }
          ticking = false;
          return out;
        })(),
      );
      for (const [last, lost, calls] of got) {
        expect(calls, 'three pipe losses and the exit').toBe(4);
        expect(lost, 'connectionLost in the iteration of the last other call').toBe(last);
      }
    },
    { timeout: 10_000 },
  );

  statement(
    'subprocess.shell.runs',
    'subprocessShell runs a command through the shell and reports its exit status',
    async ({ loop, run }) => {
      const rec = new Rec();
      const code = await run(
        (function* () {
          const [transport] = yield* loop.subprocessShell(() => rec, 'echo shell-$((6*7)); exit 3');
          yield* until(loop, () => rec.events.some((e) => e.startsWith('connectionLost')), 5);
          return transport.getReturncode();
        })(),
      );
      expect([code, rec.out[1]]).toEqual([3, 'shell-42\n']);
    },
    { timeout: 10_000 },
  );

  statement(
    'subprocess.stdin.pipe',
    'data written to the stdin pipe transport reaches the child; writeEof closes its stdin',
    async ({ loop, run }) => {
      const rec = new Rec();
      await run(
        (function* () {
          const [transport] = yield* loop.subprocessExec(() => rec, NODE, [
            '-e',
            "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>process.stdout.write(s.toUpperCase()))",
          ]);
          const stdin = transport.getPipeTransport(0) as import('pep3156/spec').WriteTransport;
          stdin.write(new TextEncoder().encode('hello '));
          stdin.write(new TextEncoder().encode('child'));
          stdin.writeEof();
          yield* until(loop, () => rec.events.some((e) => e.startsWith('connectionLost')), 5);
        })(),
      );
      expect(rec.out[1]).toBe('HELLO CHILD');
    },
    { timeout: 10_000 },
  );

  statement(
    'subprocess.stderr.merge',
    "stderr: 'stdout' delivers the child's stderr as fd 1 and there is no pipe 2",
    async ({ loop, run }) => {
      const rec = new Rec();
      const pipe2 = await run(
        (function* () {
          const [transport] = yield* loop.subprocessExec(
            () => rec,
            NODE,
            ['-e', "process.stderr.write('E')"],
            { stderr: 'stdout' },
          );
          yield* until(loop, () => rec.events.some((e) => e.startsWith('connectionLost')), 5);
          return transport.getPipeTransport(2);
        })(),
      );
      expect([pipe2, rec.out[1], rec.out[2]]).toEqual([null, 'E', '']);
      expect(rec.events.filter((e) => e.startsWith('lost')).sort()).toEqual(['lost0', 'lost1']);
    },
    { timeout: 10_000 },
  );
});

section('subprocess', 'Subprocess Transports', () => {
  statement(
    'subprocess.transport.signals',
    'terminate() ends a running child (negative returncode), then sendSignal throws ProcessLookupError',
    async ({ loop, run }) => {
      const rec = new Rec();
      const got = await run(
        (function* () {
          const [transport] = yield* loop.subprocessExec(() => rec, NODE, [
            '-e',
            'setTimeout(() => {}, 5000)',
          ]);
          const pid = transport.getPid();
          const before = transport.getReturncode();
          transport.terminate();
          yield* until(loop, () => rec.events.some((e) => e.startsWith('connectionLost')), 5);
          let after = 'no error';
          try {
            transport.kill();
          } catch (e) {
            after = (e as Error).name;
          }
          transport.close();
          return [typeof pid === 'number' && pid > 0, before, transport.getReturncode(), after];
        })(),
      );
      expect(got).toEqual([true, null, -15, 'ProcessLookupError']);
    },
    { timeout: 10_000 },
  );

  statement(
    'subprocess.exec.not-found',
    'subprocessExec of a program that does not exist fails with FileNotFoundError',
    async ({ loop, run }) => {
      const name = await run(
        (function* () {
          try {
            yield* loop.subprocessExec(() => new Rec(), '/nonexistent/pep3156-no-such-program');
            return 'no error';
          } catch (e) {
            return (e as Error).name;
          }
        })(),
      );
      expect(name).toBe('FileNotFoundError');
    },
  );
});
