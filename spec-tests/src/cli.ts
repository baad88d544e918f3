/**
 * The command line: `pep3156-conformance <adapter module> [options]`.
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { init } from './init.js';
import { listSections, SUITE_VERSION } from './package-info.js';
import type { ConformanceReport } from './report.js';
import { format, formatBadge, formatHuman, progressLine, REPORTERS, type ReporterName } from './reporters.js';
import { AdapterError, type RunEvent, runConformance, UsageError } from './runner.js';

/** Exit codes. */
export const EXIT = {
  /** Every supported test passed (unsupported and expected failures allowed). */
  OK: 0,
  /** At least one test failed, timed out, crashed or passed unexpectedly. */
  FAILURES: 1,
  /** The adapter module was not found, failed to load, or has the wrong shape. */
  ADAPTER: 2,
  /** Bad command line (unknown option or section, missing adapter). */
  USAGE: 3,
  /** The suite itself failed (a bug in pep3156-conformance, or vitest could not start). */
  INTERNAL: 4,
} as const;

/** The `--help` text. */
export const HELP = `pep3156-conformance ${SUITE_VERSION}: the PEP 3156 conformance suite

Usage: pep3156-conformance <adapter module> [options]
       pep3156-conformance init <loop module> [--export NAME] [--out FILE]   (writes an adapter)

The adapter module (.ts or .js) default-exports { name, newEventLoop, ... }: see README.md.

Options:
  --sections a,b      run only these sections (default: all; see --list-sections)
  --reporter NAME     report format: human (default), json, junit, markdown
  --out FILE          write the report there instead of to stdout
  --json FILE         also write the JSON report (schema/report.v1.json) to FILE
  --junit FILE        also write a JUnit XML report to FILE
  --markdown FILE     also write a Markdown summary to FILE
  --badge FILE        also write an SVG badge to FILE
  --timeout MS        per-test timeout in milliseconds (default 5000): a future that never
                      settles fails its test after this long
  --spin-timeout MS   a test that does not yield for this long is a synchronous spin: its
                      process is killed and the test reported timed-out (default 2000)
  --bail              stop at the first failing test; the rest are reported skipped
  --max-workers N     parallel test processes (default: one per core, at least 2)
  --isolate           a fresh module graph per test file (slower; default: one per process)
  --quiet             no progress output
  --verbose           show the test processes' own output
  --list-sections     print the sections and exit
  --grace MS          watchdog slack past a test's timeout before killing it (default 2000)
  --tests-dir DIR     run another directory of sections (the suite's own tests use fixtures)
  --version, --help

Exit codes: 0 all supported tests passed; 1 failures (failed, timed out, crashed, unexpected pass);
2 the adapter failed to load or has the wrong shape; 3 usage error; 4 internal error.
`;

/** Where the CLI writes (the tests replace these). */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  color: boolean;
  cwd: string;
}

const defaultIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  cwd: process.cwd(),
};

function writeFile(cwd: string, file: string, content: string): void {
  const abs = path.resolve(cwd, file);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, content);
}

/** Runs the CLI with `argv` (without node and the script) and returns the exit code. */
export async function cli(argv: string[], io: CliIo = defaultIo): Promise<number> {
  if (argv[0] === 'init') return init(argv.slice(1), io);
  let values: Record<string, string | boolean | string[] | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        sections: { type: 'string', multiple: true },
        reporter: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'string' },
        junit: { type: 'string' },
        markdown: { type: 'string' },
        badge: { type: 'string' },
        timeout: { type: 'string' },
        bail: { type: 'boolean' },
        'spin-timeout': { type: 'string' },
        isolate: { type: 'boolean' },
        'max-workers': { type: 'string' },
        quiet: { type: 'boolean' },
        verbose: { type: 'boolean' },
        'list-sections': { type: 'boolean' },
        'tests-dir': { type: 'string' },
        grace: { type: 'string' },
        version: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    io.stderr(`pep3156-conformance: ${(error as Error).message}\n\n${HELP}`);
    return EXIT.USAGE;
  }
  if (values.help) {
    io.stdout(HELP);
    return EXIT.OK;
  }
  if (values.version) {
    io.stdout(`${SUITE_VERSION}\n`);
    return EXIT.OK;
  }
  if (values['list-sections']) {
    const dir = values['tests-dir'] ? path.resolve(io.cwd, values['tests-dir'] as string) : undefined;
    io.stdout(`${listSections(dir).join('\n')}\n`);
    return EXIT.OK;
  }
  const usage = (message: string) => {
    io.stderr(`pep3156-conformance: ${message}\nRun with --help for usage.\n`);
    return EXIT.USAGE;
  };
  if (positionals.length !== 1)
    return usage(positionals.length ? 'give exactly one adapter module' : 'missing the adapter module');
  const reporter = (values.reporter as string | undefined) ?? 'human';
  if (!(REPORTERS as readonly string[]).includes(reporter)) {
    return usage(`unknown reporter "${reporter}" (one of ${REPORTERS.join(', ')})`);
  }
  const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeout !== undefined && !(Number.isFinite(timeout) && timeout > 0)) {
    return usage(`--timeout wants a positive number of milliseconds, not "${values.timeout}"`);
  }
  const maxWorkers = values['max-workers'] === undefined ? undefined : Number(values['max-workers']);
  if (maxWorkers !== undefined && !(Number.isInteger(maxWorkers) && maxWorkers > 0)) {
    return usage(`--max-workers wants a positive integer, not "${values['max-workers']}"`);
  }
  const spin = values['spin-timeout'] === undefined ? undefined : Number(values['spin-timeout']);
  if (spin !== undefined && !(Number.isFinite(spin) && spin > 0)) {
    return usage(`--spin-timeout wants a positive number of milliseconds, not "${values['spin-timeout']}"`);
  }
  const grace = values.grace === undefined ? undefined : Number(values.grace);
  if (grace !== undefined && !(Number.isFinite(grace) && grace >= 0)) {
    return usage(`--grace wants a number of milliseconds, not "${values.grace}"`);
  }
  const sections = ((values.sections as string[] | undefined) ?? [])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);

  // The report goes to stdout unless --out; progress goes to stdout only when nothing else does.
  const reportToStdout = !values.out;
  const progress = (text: string) =>
    reportToStdout && reporter !== 'human' ? io.stderr(`${text}\n`) : io.stdout(`${text}\n`);
  const onEvent = values.quiet
    ? undefined
    : (event: RunEvent) => {
        const line = progressLine(event, io.color);
        if (line !== null) progress(line);
      };

  let report: ConformanceReport;
  try {
    report = await runConformance({
      adapter: positionals[0],
      sections,
      cwd: io.cwd,
      bail: values.bail === true,
      verbose: values.verbose === true,
      ...(timeout !== undefined ? { timeout } : {}),
      ...(maxWorkers !== undefined ? { maxWorkers } : {}),
      ...(grace !== undefined ? { graceMs: grace } : {}),
      ...(spin !== undefined ? { spinTimeout: spin } : {}),
      ...(values.isolate === true ? { isolate: true } : {}),
      ...(values['tests-dir'] ? { testsDir: path.resolve(io.cwd, values['tests-dir'] as string) } : {}),
      ...(onEvent ? { onEvent } : {}),
    });
  } catch (error) {
    if (error instanceof AdapterError) {
      io.stderr(`pep3156-conformance: ${error.message}\n`);
      return EXIT.ADAPTER;
    }
    if (error instanceof UsageError) return usage(error.message);
    io.stderr(`pep3156-conformance: internal error: ${(error as Error)?.stack ?? error}\n`);
    return EXIT.INTERNAL;
  }

  const text = format(reporter as ReporterName, report, reportToStdout && io.color);
  if (values.out) {
    writeFile(io.cwd, values.out as string, format(reporter as ReporterName, report, false));
    if (!values.quiet) progress(formatHuman(report, io.color));
  } else io.stdout(text);
  if (values.json) writeFile(io.cwd, values.json as string, format('json', report));
  if (values.junit) writeFile(io.cwd, values.junit as string, format('junit', report));
  if (values.markdown) writeFile(io.cwd, values.markdown as string, format('markdown', report));
  if (values.badge) writeFile(io.cwd, values.badge as string, formatBadge(report));
  return report.ok ? EXIT.OK : EXIT.FAILURES;
}
