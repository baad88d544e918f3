// spec-tests/tests/subprocess/process.test.ts: asyncio.subprocess (create_subprocess_exec, Process)
// > Process.communicate(input=None): send data to stdin (if input is not None); close stdin; read
// > data from stdout and stderr, until EOF is reached; wait for process to terminate.
// > returncode: ... A negative value -N indicates that the child was terminated by signal N.
// These helpers use only the loop's subprocessExec/subprocessShell, so they run on the adapter's loop.
import { createSubprocessExec, createSubprocessShell } from 'pep3156';
import type { Coroutine } from 'pep3156/spec';
import { expect } from 'vitest';
import { section, statement } from '../../src/harness.js';

const NODE = process.execPath;
const text = (b: Uint8Array | null) => (b === null ? null : new TextDecoder().decode(b));

section('subprocess', 'Pipes and Subprocesses', () => {
  statement(
    'subprocess.process.communicate',
    'Process.communicate(input) feeds stdin, reads stdout and stderr to their ends and waits for the exit',
    async ({ loop, run }) => {
      const got = await run(
        (function* (): Coroutine<unknown[]> {
          const proc = yield* createSubprocessExec(
            NODE,
            [
              '-e',
              "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{process.stdout.write(s.toUpperCase());process.stderr.write('e');process.exitCode=4})",
            ],
            { stdin: 'pipe', stdout: 'pipe', stderr: 'pipe', loop },
          );
          const [out, err] = yield* proc.communicate(new TextEncoder().encode('to the child'));
          return [text(out), text(err), proc.returncode, typeof proc.pid];
        })(),
      );
      expect(got).toEqual(['TO THE CHILD', 'e', 4, 'number']);
    },
    { timeout: 10_000 },
  );

  statement(
    'subprocess.process.streams',
    "a Process's stdout is a StreamReader (readline works) and wait() resolves to the exit status",
    async ({ loop, run }) => {
      const got = await run(async () => {
        const proc = await createSubprocessShell('echo one; echo two; exit 2', { stdout: 'pipe', loop });
        const lines: (string | null)[] = [];
        for (;;) {
          const line = await (proc.stdout as NonNullable<typeof proc.stdout>).readline();
          if (line.length === 0) break;
          lines.push(text(line));
        }
        const code = await proc.wait();
        return [lines, code, proc.stdin, proc.stderr];
      });
      expect(got).toEqual([['one\n', 'two\n'], 2, null, null]);
    },
    { timeout: 10_000, features: ['async-functions'] },
  );

  statement(
    'subprocess.process.kill',
    'Process.kill() ends the child; returncode is then -9',
    async ({ loop, run }) => {
      const code = await run(
        (function* (): Coroutine<number> {
          const proc = yield* createSubprocessExec(NODE, ['-e', 'setTimeout(() => {}, 5000)'], { loop });
          proc.kill();
          return yield* proc.wait();
        })(),
      );
      expect(code).toBe(-9);
    },
    { timeout: 10_000 },
  );
});
