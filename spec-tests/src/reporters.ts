/**
 * Report formats: human (terminal), JSON (schema/report.v1.json), JUnit XML, Markdown and an SVG
 * badge. Pure functions of a {@link ConformanceReport}; the CLI picks one or several.
 * @module
 */
import {
  type ConformanceReport,
  type ErrorInfo,
  FAILING,
  STATUSES,
  type StatusCounts,
  type TestRecord,
  type TestStatus,
} from './report.js';
import type { RunEvent } from './runner.js';

/** The formats `--reporter` accepts. */
export const REPORTERS = ['human', 'json', 'junit', 'markdown'] as const;
/** One of {@link REPORTERS}. */
export type ReporterName = (typeof REPORTERS)[number];

const COLUMNS: [keyof StatusCounts, string][] = [
  ['total', 'total'],
  ['passed', 'passed'],
  ['failed', 'failed'],
  ['timedOut', 'timed-out'],
  ['crashed', 'crashed'],
  ['unsupported', 'unsupported'],
  ['expectedFailure', 'xfail'],
  ['unexpectedPass', 'xpass'],
  ['skipped', 'skipped'],
];

const MARK: Record<TestStatus, string> = {
  passed: '✓',
  failed: '✗',
  'timed-out': '⏱',
  crashed: '💥',
  unsupported: '○',
  'expected-failure': '✓',
  'unexpected-pass': '✗',
  skipped: '-',
};

/** Terminal colours, or none. */
interface Paint {
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

/** ANSI colours when `color` is true, plain text otherwise. */
export function paint(color: boolean): Paint {
  const wrap = (open: number, close: number) => (s: string) =>
    color ? `\x1b[${open}m${s}\x1b[${close}m` : s;
  return {
    red: wrap(31, 39),
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    dim: wrap(2, 22),
    bold: wrap(1, 22),
  };
}

/** Indents every line of `text` by `n` spaces. */
function indent(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return text
    .split('\n')
    .map((l) => (l ? pad + l : l))
    .join('\n');
}

/** Counts of one file's records as `3 passed, 1 failed`. */
function countsLine(records: readonly TestRecord[]): string {
  const by = new Map<TestStatus, number>();
  for (const r of records) by.set(r.status, (by.get(r.status) ?? 0) + 1);
  return STATUSES.filter((s) => by.has(s))
    .reverse()
    .map((s) => `${by.get(s)} ${s}`)
    .join(', ');
}

/**
 * A progress line for an event (or null for none): one line per finished test file, one per test the
 * watchdog killed, one per restart.
 */
export function progressLine(event: RunEvent, color = false): string | null {
  const p = paint(color);
  switch (event.type) {
    case 'adapter':
      return [
        `${p.bold('pep3156-conformance')}: ${event.name}${event.version ? ` ${event.version}` : ''}`,
        ...event.warnings.map((w) => p.yellow(`  warning: ${w}`)),
      ].join('\n');
    case 'file-end': {
      const bad = event.records.some((r) => FAILING.has(r.status));
      const mark = bad ? p.red('✗') : p.green('✓');
      return `  ${mark} ${event.file.replace(/^tests\//, '')} ${p.dim(`(${countsLine(event.records) || 'no tests'})`)}`;
    }
    case 'watchdog':
      return p.red(
        `  ⏱ [${event.record.id ?? '?'}] ${event.record.title}: killed by the watchdog (${event.record.message})`,
      );
    case 'restart':
      return p.dim(`  … running the rest of ${event.files.length} unfinished file(s)`);
    case 'error':
      return event.error.kind === 'watchdog'
        ? null
        : p.yellow(`  ! ${event.error.kind}: ${event.error.message}`);
    default:
      return null;
  }
}

/** The sections table. */
function table(report: ConformanceReport): string[] {
  const rows: string[][] = [['section', ...COLUMNS.map(([, h]) => h)]];
  for (const [name, c] of Object.entries(report.sections))
    rows.push([name, ...COLUMNS.map(([k]) => String(c[k]))]);
  rows.push(['all', ...COLUMNS.map(([k]) => String(report.summary[k]))]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '),
  );
}

/** `CancelledError (no message)`, `TypeError: bad`: an error's class and the first line of its message. */
export function errorLine(e: ErrorInfo): string {
  const first = e.message.split('\n')[0];
  return first ? `${e.name}: ${first}` : `${e.name} (no message)`;
}

/** One problem explained: statement, spec link, expected/actual, message, error class and frames. */
function explain(r: TestRecord, p: Paint): string {
  const lines = [
    `${p.red(MARK[r.status])} ${p.bold(`[${r.id ?? 'no statement'}] ${r.title}`)} ${p.dim(`(${r.status})`)}`,
  ];
  lines.push(`  ${p.dim('test:')} ${r.location ?? r.file}`);
  if (r.statement) {
    lines.push(
      `  ${p.dim('the spec says')}${r.statement.pep ? p.dim(` (PEP 3156 § ${r.statement.pep})`) : ''}:`,
    );
    lines.push(`    “${r.statement.text}”`);
    lines.push(`    ${r.statement.url}`);
  }
  if (r.expected !== undefined) lines.push(`  ${p.dim('expected:')}\n${indent(r.expected, 4)}`);
  if (r.actual !== undefined) lines.push(`  ${p.dim('actual:')}\n${indent(r.actual, 4)}`);
  const what = (text: string) => text.split('\n').slice(0, 6).join('\n    ');
  if (r.error) {
    // The error's class and message, then its frames; the record's message first when it says more
    // (a crash's explanation).
    const line = r.error.message ? `${r.error.name}: ${r.error.message}` : errorLine(r.error);
    if (r.message && r.message !== r.error.message && r.message !== errorLine(r.error)) {
      lines.push(`  ${p.dim('what happened:')} ${what(r.message)}`, `  ${p.dim('error:')} ${what(line)}`);
    } else lines.push(`  ${p.dim('what happened:')} ${what(line)}`);
    for (const frame of r.error.frames) lines.push(`    ${p.dim(frame)}`);
  } else if (r.message) lines.push(`  ${p.dim('what happened:')} ${what(r.message)}`);
  return lines.join('\n');
}

/** The summary a terminal shows at the end. */
export function formatHuman(report: ConformanceReport, color = false): string {
  const p = paint(color);
  const out: string[] = ['', ...table(report)];
  const problems = report.results.filter((r) => FAILING.has(r.status));
  if (problems.length) {
    out.push('', p.bold(`Problems (${problems.length}):`), '');
    for (const r of problems) out.push(explain(r, p), '');
  }
  const runErrors = report.errors.filter((e) => e.kind !== 'watchdog');
  if (runErrors.length) {
    out.push(p.bold(`Errors outside tests (${runErrors.length}):`));
    for (const e of runErrors) {
      out.push(
        `  ${e.kind}${e.file ? ` in ${e.file}` : ''}${e.test ? ` (${e.test})` : ''}: ${e.message.split('\n')[0]}`,
      );
    }
    out.push('');
  }
  const s = report.summary;
  const parts = [`${s.passed} passed`];
  for (const [k, label] of COLUMNS.slice(2)) if (s[k]) parts.push(`${s[k]} ${label}`);
  const who = `${report.implementation.name}${report.implementation.version ? ` ${report.implementation.version}` : ''}`;
  const verdict = report.ok ? p.green('CONFORMS') : p.red('DOES NOT CONFORM');
  out.push(
    `${verdict} ${who}: ${parts.join(', ')} (${s.total} tests) in ${(report.durationMs / 1000).toFixed(1)} s`,
  );
  return out.join('\n');
}

/** The JSON report (schema/report.v1.json). */
export function formatJson(report: ConformanceReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Escapes text for XML attributes and content. */
export function xml(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 forbids these characters
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}

/** JUnit XML: one `<testsuite>` per section; unsupported and expected failures as `<skipped>`. */
export function formatJunit(report: ConformanceReport): string {
  const plain = paint(false);
  const secs = (ms: number) => (ms / 1000).toFixed(3);
  const bySection = new Map<string, TestRecord[]>();
  for (const name of Object.keys(report.sections)) bySection.set(name, []);
  for (const r of report.results) bySection.get(r.section)?.push(r);
  const failuresOf = (rs: TestRecord[]) =>
    rs.filter((r) => r.status === 'failed' || r.status === 'unexpected-pass').length;
  const errorsOf = (rs: TestRecord[]) =>
    rs.filter((r) => r.status === 'timed-out' || r.status === 'crashed').length;
  const skippedOf = (rs: TestRecord[]) =>
    rs.filter((r) => r.status === 'unsupported' || r.status === 'skipped' || r.status === 'expected-failure')
      .length;
  const all = report.results;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="pep3156-conformance ${xml(report.suite.version)}: ${xml(report.implementation.name)}" tests="${all.length}" failures="${failuresOf(all)}" errors="${errorsOf(all)}" skipped="${skippedOf(all)}" time="${secs(report.durationMs)}" timestamp="${report.startedAt}">`,
  ];
  for (const [section, rs] of bySection) {
    const time = rs.reduce((t, r) => t + r.durationMs, 0);
    out.push(
      `  <testsuite name="${xml(section)}" tests="${rs.length}" failures="${failuresOf(rs)}" errors="${errorsOf(rs)}" skipped="${skippedOf(rs)}" time="${secs(time)}">`,
    );
    for (const r of rs) {
      const name = `[${r.id ?? 'no statement'}] ${r.title}`;
      const open = `    <testcase classname="pep3156.${xml(section)}" name="${xml(name)}" file="${xml(r.file)}" time="${secs(r.durationMs)}"`;
      const message = xml((r.message ?? r.status).split('\n')[0]);
      switch (r.status) {
        case 'passed':
          out.push(`${open}/>`);
          break;
        case 'unsupported':
        case 'skipped':
          out.push(`${open}>`, `      <skipped message="${message}"/>`, '    </testcase>');
          break;
        case 'expected-failure':
          out.push(
            `${open}>`,
            `      <skipped message="expected failure (adapter.knownFailures)"/>`,
            '    </testcase>',
          );
          break;
        default: {
          const tag = r.status === 'timed-out' || r.status === 'crashed' ? 'error' : 'failure';
          out.push(
            `${open}>`,
            `      <${tag} message="${message}" type="${r.status}">${xml(explain(r, plain))}</${tag}>`,
            '    </testcase>',
          );
        }
      }
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}

/** Escapes Markdown table cells and inline text. */
function md(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** A Markdown summary: verdict, sections table, problems with the statements they break. */
export function formatMarkdown(report: ConformanceReport): string {
  const s = report.summary;
  const who = `${report.implementation.name}${report.implementation.version ? ` ${report.implementation.version}` : ''}`;
  const out = [
    `# PEP 3156 conformance: ${md(who)}`,
    '',
    `${report.ok ? '✅ **Conforms**' : '❌ **Does not conform**'}: ${s.passed} of ${s.total} tests passed` +
      `${s.unsupported ? `, ${s.unsupported} unsupported` : ''}` +
      ` (pep3156-conformance ${report.suite.version}, ${report.startedAt}, Node ${report.environment.node}).`,
    '',
    `| section | ${COLUMNS.map(([, h]) => h).join(' | ')} |`,
    `|---|${COLUMNS.map(() => '---:').join('|')}|`,
  ];
  for (const [name, c] of Object.entries(report.sections)) {
    out.push(`| ${md(name)} | ${COLUMNS.map(([k]) => c[k]).join(' | ')} |`);
  }
  out.push(`| **all** | ${COLUMNS.map(([k]) => `**${s[k]}**`).join(' | ')} |`, '');
  const problems = report.results.filter((r) => FAILING.has(r.status));
  if (problems.length) {
    out.push(`## Problems (${problems.length})`, '');
    for (const r of problems) {
      out.push(`### \`${r.id ?? 'no statement'}\`: ${md(r.title)} (${r.status})`, '');
      if (r.statement) {
        out.push(
          `> ${md(r.statement.text)}`,
          `>`,
          `> [${r.statement.pep ? `PEP 3156 § ${md(r.statement.pep)}` : 'spec'}](${r.statement.url})`,
          '',
        );
      }
      out.push(`Test: \`${r.location ?? r.file}\``, '');
      if (r.message) out.push('```text', r.message.split('\n').slice(0, 12).join('\n'), '```', '');
      if (r.error)
        out.push('```text', errorLine(r.error), ...r.error.frames.map((f) => `    ${f}`), '```', '');
      if (r.expected !== undefined || r.actual !== undefined) {
        out.push(
          '```diff',
          ...(r.expected ?? '').split('\n').map((l) => `- ${l}`),
          ...(r.actual ?? '').split('\n').map((l) => `+ ${l}`),
          '```',
          '',
        );
      }
    }
  }
  const unsupported = report.results.filter((r) => r.status === 'unsupported');
  if (unsupported.length) {
    // Counted by section, as the table counts them (a test needing two missing features is one test).
    const bySection = new Map<string, number>();
    const features = new Set<string>();
    for (const r of unsupported) {
      bySection.set(r.section, (bySection.get(r.section) ?? 0) + 1);
      for (const f of r.unsupported ?? []) features.add(f);
    }
    out.push(
      `## Unsupported (${unsupported.length} tests)`,
      '',
      [...bySection].map(([section, n]) => `\`${section}\` (${n})`).join(', '),
      '',
      `Features declared unsupported: ${[...features]
        .sort()
        .map((f) => `\`${f}\``)
        .join(', ')}.`,
      '',
    );
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** Approximate width in px of `text` in 11px Verdana (for the badge). */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text)
    w += /[il.,:;|!' ]/.test(ch) ? 3.5 : /[mwMW]/.test(ch) ? 10 : /[A-Z0-9]/.test(ch) ? 7.5 : 6.5;
  return Math.round(w);
}

/**
 * The badge's text and colour: `<passed>/<applicable> passed[, <n> unsupported]`, where applicable
 * tests are those neither unsupported nor skipped (green when the run conforms).
 */
export function badgeValue(report: ConformanceReport): { label: string; message: string; color: string } {
  const s = report.summary;
  const applicable = s.total - s.unsupported - s.skipped;
  const passing = s.passed + s.expectedFailure;
  const rate = applicable ? passing / applicable : 1;
  const color = report.ok ? '#4c1' : rate >= 0.9 ? '#dfb317' : '#e05d44';
  const message = `${passing}/${applicable} passed${s.unsupported ? `, ${s.unsupported} unsupported` : ''}`;
  return { label: 'pep3156', message, color };
}

/** An SVG badge (shields.io "flat" look): `pep3156 | <passed>/<applicable> passed`. */
export function formatBadge(report: ConformanceReport): string {
  const { label, message, color } = badgeValue(report);
  const lw = textWidth(label) + 10;
  const mw = textWidth(message) + 10;
  const w = lw + mw;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20" role="img" aria-label="${xml(label)}: ${xml(message)}">
  <title>${xml(label)}: ${xml(message)}</title>
  <linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>
  <clipPath id="r"><rect width="${w}" height="20" rx="3" fill="#fff"/></clipPath>
  <g clip-path="url(#r)">
    <rect width="${lw}" height="20" fill="#555"/>
    <rect x="${lw}" width="${mw}" height="20" fill="${color}"/>
    <rect width="${w}" height="20" fill="url(#s)"/>
  </g>
  <g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">
    <text x="${lw / 2}" y="15" fill="#010101" fill-opacity=".3">${xml(label)}</text>
    <text x="${lw / 2}" y="14">${xml(label)}</text>
    <text x="${lw + mw / 2}" y="15" fill="#010101" fill-opacity=".3">${xml(message)}</text>
    <text x="${lw + mw / 2}" y="14">${xml(message)}</text>
  </g>
</svg>
`;
}

/** The report in the format `name`. */
export function format(name: ReporterName, report: ConformanceReport, color = false): string {
  switch (name) {
    case 'human':
      return `${formatHuman(report, color)}\n`;
    case 'json':
      return formatJson(report);
    case 'junit':
      return formatJunit(report);
    case 'markdown':
      return formatMarkdown(report);
  }
}
