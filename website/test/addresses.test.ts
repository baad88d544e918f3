// Issue 11, item 11: the site's and the repository's addresses come from one setting
// (spec-tests/site.json, overridden by PEP3156_SPEC_URL / PEP3156_REPO_URL at build time), and no
// placeholder (example.com, your-org, TODO…) appears in the docs, the READMEs, the packages'
// metadata or any page of the built site. No browser: the files as written and as built.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDir, root } from './harness';

// A `.invalid` name is allowed in text: it is how a sample shows a lookup that fails (RFC 2606
// reserves it for that); as a link's host it is a placeholder (PLACEHOLDER_HOST).
const PLACEHOLDER =
  /\b(?:example\.(?:com|org|net)|your-(?:org|name|username|user|repo|company)|TODO|FIXME|XXX)\b/;
/** Hosts that name no real place (RFC 2606) or only this machine. */
const PLACEHOLDER_HOST = /(?:^|\.)(?:example\.(?:com|org|net)|example|invalid|test|localhost)$/;

const site = JSON.parse(readFileSync(path.join(root, 'spec-tests/site.json'), 'utf8')) as {
  url: string;
  repository: string;
};

function files(dir: string, keep: (name: string) => boolean): string[] {
  const abs = path.join(root, dir);
  if (!existsSync(abs)) return [];
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (keep(e.name)) out.push(p);
    }
  };
  walk(abs);
  return out;
}

/** The lines of `file` that hold a placeholder, as `file:line: text`. */
function placeholders(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, i) =>
      PLACEHOLDER.test(line) ? [`${path.relative(root, file)}:${i + 1}: ${line.trim().slice(0, 120)}`] : [],
    );
}

describe('addresses', () => {
  it('no placeholder in the docs, the READMEs and the packages’ metadata', () => {
    const written = [
      ...files('docs', (n) => /\.mdx?$/.test(n)),
      ...files('examples', (n) => /^README\.md$|\.ts$/.test(n)),
      ...['README.md', 'CONTRIBUTING.md', 'reference-impl/README.md', 'spec-tests/README.md'].map((f) =>
        path.join(root, f),
      ),
      ...[
        'package.json',
        'reference-impl/package.json',
        'spec-tests/package.json',
        'spec-tests/site.json',
      ].map((f) => path.join(root, f)),
      ...files('spec-tests/schema', (n) => n.endsWith('.json')),
    ];
    expect(written.length).toBeGreaterThan(40);
    expect(written.flatMap(placeholders)).toEqual([]);
  });

  it('the packages name the repository of spec-tests/site.json, the one the site links to', () => {
    expect(site.repository).toMatch(/^https:\/\/[^/]+\/[^/]+\/[^/]+$/);
    for (const dir of ['reference-impl', 'spec-tests']) {
      const pkg = JSON.parse(readFileSync(path.join(root, dir, 'package.json'), 'utf8')) as {
        repository?: { url?: string; directory?: string };
      };
      expect(pkg.repository?.url, `${dir}/package.json repository`).toBe(`git+${site.repository}.git`);
      expect(pkg.repository?.directory).toBe(dir);
    }
    const schema = JSON.parse(readFileSync(path.join(root, 'spec-tests/schema/report.v1.json'), 'utf8')) as {
      $id: string;
    };
    expect(schema.$id.startsWith(`${site.repository}/`), `the report schema's $id ${schema.$id}`).toBe(true);
    const config = readFileSync(path.join(root, 'docusaurus.config.ts'), 'utf8');
    expect(config).toMatch(/process\.env\.PEP3156_REPO_URL \|\| site\.repository/);
  });

  it('no page of the built site holds a placeholder or links to a placeholder host; the navbar links the repository', () => {
    const pages = files(path.relative(root, buildDir), (n) => n.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(40);
    const bad: string[] = [];
    const hosts = new Set<string>();
    for (const page of pages) {
      const html = readFileSync(page, 'utf8');
      // Code samples may show any text; the placeholder check reads the page's prose and links.
      const text = html.replace(/<pre[\s\S]*?<\/pre>/g, '').replace(/<script[\s\S]*?<\/script>/g, '');
      const m = PLACEHOLDER.exec(text);
      if (m) bad.push(`${path.relative(buildDir, page)}: "${text.slice(m.index - 40, m.index + 40)}"`);
      // The build is minified: attribute values may be quoted or not.
      for (const m of html.matchAll(
        /\b(?:href|src|content)=(?:"(https?:\/\/[^"]+)"|(https?:\/\/[^\s>]+))/g,
      )) {
        const url = (m[1] ?? m[2]) as string;
        const host = new URL(url).hostname;
        hosts.add(host);
        if (PLACEHOLDER_HOST.test(host)) bad.push(`${path.relative(buildDir, page)}: links to ${url}`);
      }
    }
    console.log(
      `addresses: ${pages.length} pages, ${hosts.size} hosts linked: ${[...hosts].sort().join(', ')}`,
    );
    expect(bad).toEqual([]);
    const home = readFileSync(path.join(buildDir, 'index.html'), 'utf8');
    const repository = (process.env.PEP3156_REPO_URL || site.repository).replace(/\/+$/, '');
    expect(
      home.includes(`href="${repository}"`) || home.includes(`href=${repository} `),
      `the home page links ${repository}`,
    ).toBe(true);
  });
});
