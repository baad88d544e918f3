// The package README says what the suite is: its section list is the suite's sections, its feature
// list is FEATURES, and it prints no test count (counts change with every statement added).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FEATURES } from '../src/adapter.js';
import { HELP } from '../src/cli.js';
import { listSections } from '../src/package-info.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const readme = readFileSync(path.join(here, '..', 'README.md'), 'utf8');
const guide = readFileSync(
  path.join(here, '..', '..', 'docs', 'guides', 'running-the-conformance-suite.mdx'),
  'utf8',
);
const codes = (text: string) => [...text.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]).sort();

describe('README.md', () => {
  it('lists every section, and only sections', () => {
    const line = /^Sections: ([\s\S]*?) \(one directory/m.exec(readme)?.[1] ?? '';
    expect(codes(line)).toEqual(listSections());
  });

  it('lists every feature an adapter may declare unsupported', () => {
    const line =
      /^\*\*Features\*\* \(`unsupported` takes any of these\): ([\s\S]*?)\. A test/m.exec(readme)?.[1] ?? '';
    expect(codes(line)).toEqual([...FEATURES].sort());
  });

  it('gives no fixed test count in the badge example', () => {
    expect(readme).not.toMatch(/\d+\/\d+ passed/);
  });

  it('says that errors are recognised by their name', () => {
    expect(readme).toMatch(/Errors are recognised by their `name`, never by their class/);
  });

  it('documents every option of --help; the guide documents the time limits and --bail', () => {
    const options = [...HELP.matchAll(/^ {2}(--[a-z-]+)/gm)].map((m) => m[1]);
    expect(options).toContain('--spin-timeout');
    const internal = [
      '--grace',
      '--tests-dir',
      '--version',
      '--list-sections',
      '--json',
      '--junit',
      '--markdown',
      '--badge',
    ];
    for (const option of options) {
      if (!internal.includes(option)) expect(readme, `README documents ${option}`).toContain(option);
    }
    for (const option of ['--timeout', '--spin-timeout', '--bail', '--max-workers', '--isolate']) {
      expect(guide, `the guide documents ${option}`).toMatch(new RegExp(`^\\| \`${option}`, 'm'));
    }
  });
});
