// scripts/check-statements.mjs on small fixture trees: what it extracts, what it rejects (untested
// statements, unknown ids, duplicates, malformed ids), that its output is deterministic, and --check.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const script = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../scripts/check-statements.mjs',
);
const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pep3156-statements-'));
  roots.push(root);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return root;
}

function check(root: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [script, '--root', root, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const read = (root: string, file: string) => JSON.parse(readFileSync(path.join(root, file), 'utf8'));

const page = `---
sidebar_position: 2
---
# Event loop

<Statement id="loop.call-soon.fifo" pep="Basic Callbacks">
Callbacks scheduled with \`callSoon\` run in the
order in which they were scheduled.
</Statement>

A sample is not a statement:

\`\`\`mdx
<Statement id="sample.not.real" pep="Basic Callbacks">text</Statement>
\`\`\`

Nor is \`<Statement id="inline.not.real">\` in inline code.

<Statement id="loop.debug.slow-callback" level="reference">Slow callbacks are logged in debug mode.</Statement>
`;
const good = {
  'docs/spec/02-event-loop.mdx': page,
  'spec-tests/tests/loop/call-soon.test.ts': `statement(\n  'loop.call-soon.fifo',\n  'callSoon callbacks run in order',\n  async () => {},\n);\n`,
  'reference-impl/test/debug.test.ts': `it('[loop.debug.slow-callback] logs slow callbacks', () => {});\n`,
};

describe('scripts/check-statements.mjs', () => {
  it('extracts statements with text, PEP section, page anchor and level, and maps their tests', () => {
    const root = tree(good);
    const r = check(root);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/statements: 2 \/ 2 covered \(100\.0%\): normative 1\/1 .* reference 1\/1/);
    expect(read(root, 'spec-tests/src/statements.generated.json')).toEqual({
      'loop.call-soon.fifo': {
        text: 'Callbacks scheduled with `callSoon` run in the order in which they were scheduled.',
        pep: 'Basic Callbacks',
        page: '/docs/spec/event-loop#loop.call-soon.fifo',
        level: 'normative',
      },
      'loop.debug.slow-callback': {
        text: 'Slow callbacks are logged in debug mode.',
        page: '/docs/spec/event-loop#loop.debug.slow-callback',
        level: 'reference',
      },
    });
    expect(read(root, 'website/src/data/statement-tests.json')).toEqual({
      'loop.call-soon.fifo': [
        {
          file: 'spec-tests/tests/loop/call-soon.test.ts',
          test: '[loop.call-soon.fifo] callSoon callbacks run in order',
        },
      ],
      'loop.debug.slow-callback': [
        { file: 'reference-impl/test/debug.test.ts', test: '[loop.debug.slow-callback] logs slow callbacks' },
      ],
    });
  });

  it('is deterministic, and --check fails on a stale generated file', () => {
    const root = tree(good);
    check(root);
    const first = readFileSync(path.join(root, 'website/src/data/statement-tests.json'), 'utf8');
    expect(check(root, '--check').code).toBe(0);
    expect(readFileSync(path.join(root, 'website/src/data/statement-tests.json'), 'utf8')).toBe(first);
    writeFileSync(path.join(root, 'spec-tests/src/statements.generated.json'), '{}\n');
    const stale = check(root, '--check');
    expect(stale.code).toBe(1);
    expect(stale.err).toContain('spec-tests/src/statements.generated.json is stale');
  });

  it('fails on an untested statement, an unknown id, a duplicate and a malformed id', () => {
    const root = tree({
      ...good,
      'docs/spec/other.mdx': [
        '<Statement id="loop.untested.rule" pep="Basic Callbacks">Untested.</Statement>',
        '<Statement id="loop.call-soon.fifo" pep="Basic Callbacks">Twice.</Statement>',
        '<Statement id="Loop.Bad_Id.x" pep="Basic Callbacks">Bad.</Statement>',
      ].join('\n'),
      'spec-tests/tests/loop/unknown.test.ts': `statement('loop.no-such.statement', 'cites nothing', () => {});\n`,
    });
    const r = check(root);
    expect(r.code).toBe(1);
    expect(r.err).toContain('docs/spec/other.mdx:1: statement "loop.untested.rule" has no test');
    expect(r.err).toContain(
      'docs/spec/other.mdx:2: statement id "loop.call-soon.fifo" already declared at docs/spec/02-event-loop.mdx:6',
    );
    expect(r.err).toContain('docs/spec/other.mdx:3: malformed statement id "Loop.Bad_Id.x"');
    expect(r.err).toContain(
      'spec-tests/tests/loop/unknown.test.ts:1: test cites unknown statement id "loop.no-such.statement"',
    );
    expect(r.out).toMatch(/statements: \d+ \/ \d+ covered .*problem\(s\)/);
  });

  it('maps Python twins, honours tsOnly, and fails on a missing twin, an unknown twin id or a twinned tsOnly', () => {
    const twinPage = [
      '<Statement id="loop.call-soon.twice" pep="Basic Callbacks">Twinned.</Statement>',
      '<Statement id="loop.call-soon.promise" pep="Basic Callbacks" tsOnly="PromiseLike has no Python meaning">TS.</Statement>',
    ].join('\n');
    const tests =
      `statement('loop.call-soon.fifo', 'a', () => {});\n` +
      `statement('loop.call-soon.twice', 'b', () => {});\n` +
      `statement('loop.call-soon.promise', 'c', () => {});\n`;
    const twin = [
      'class CallSoon(TwinCase):',
      '    @statement("loop.call-soon.fifo")',
      '    def test_fifo(self):',
      '        pass',
      '',
      '    @statement("loop.call-soon.twice")',
      '    def test_twice(self):',
      '        pass',
      '',
    ].join('\n');
    const ok = tree({
      ...good,
      'docs/spec/more.mdx': twinPage,
      'spec-tests/tests/loop/more.test.ts': tests,
      'spec-tests/python/loop/test_call_soon.py': twin,
    });
    const r = check(ok, '--twin-target', '0.6');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(read(ok, 'website/src/data/statement-twins.json')).toEqual({
      'loop.call-soon.fifo': [
        { file: 'spec-tests/python/loop/test_call_soon.py', test: 'CallSoon.test_fifo' },
      ],
      'loop.call-soon.twice': [
        { file: 'spec-tests/python/loop/test_call_soon.py', test: 'CallSoon.test_twice' },
      ],
    });
    expect(read(ok, 'spec-tests/src/statements.generated.json')['loop.call-soon.promise'].tsOnly).toBe(
      'PromiseLike has no Python meaning',
    );
    expect(r.out).toContain('Python twins 2/3 normative (66.7%), 1 TS-only');

    const bad = tree({
      ...good,
      'docs/spec/more.mdx': twinPage,
      'spec-tests/tests/loop/more.test.ts': tests,
      'spec-tests/python/loop/test_call_soon.py': twin
        .replace('loop.call-soon.fifo', 'loop.call-soon.nope')
        .replace('loop.call-soon.twice', 'loop.call-soon.promise'),
    });
    const e = check(bad);
    expect(e.code).toBe(1);
    expect(e.err).toContain(
      'spec-tests/python/loop/test_call_soon.py:2: twin cites unknown statement id "loop.call-soon.nope"',
    );
    expect(e.err).toContain(
      '"loop.call-soon.promise" is tsOnly ("PromiseLike has no Python meaning") but has a twin',
    );
    expect(e.err).toContain('normative statement "loop.call-soon.fifo" has no Python twin');
    expect(e.err).toContain('Python twins cover 0/3 normative statements, below the 90% target');
  });
});
