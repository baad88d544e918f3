// The Rosetta Stone's names are checked with the compiler (scripts/rosetta-names.mjs, run by
// scripts/gen-rosetta.mjs in the site build): a name the packages do not export or a member their
// types do not have is refused, and every name of the inventory resolves.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script without types
import { createResolver } from '../scripts/rosetta-names.mjs';

type Resolver = { resolve(name: string): { ok: boolean; reason?: string } };
let resolver: Resolver;
beforeAll(() => {
  resolver = createResolver();
}, 120_000);

describe('the Rosetta Stone names what exists', () => {
  it('refuses members the types do not have, and names no package exports', () => {
    for (const name of [
      'Lock[Symbol.iterator]',
      'Lock[Symbol.asyncDispose]',
      'Semaphore[Symbol.iterator]',
      'Task.getStack',
      'runCoroutineThreadsafe',
    ]) {
      expect(resolver.resolve(name), name).toMatchObject({ ok: false });
    }
  });

  it('accepts names and members that exist, symbol-keyed ones and what functions return', () => {
    for (const name of [
      'Lock.hold',
      'Lock.with',
      'Future[Symbol.iterator]',
      'StreamReader[Symbol.asyncIterator]',
      'asCompleted[Symbol.asyncIterator]',
      'AbstractEventLoop.callSoon',
      'TestLoop',
    ]) {
      expect(resolver.resolve(name), name).toMatchObject({ ok: true });
    }
  });

  it('every TypeScript name of the inventory resolves (— where there is none)', () => {
    const [header, ...lines] = readFileSync(new URL('data/pep3156-inventory.tsv', import.meta.url), 'utf8')
      .trim()
      .split('\n');
    const col = header.split('\t').indexOf('ts_name');
    const bad = lines
      .map((l) => l.split('\t')[col])
      .filter((n) => n !== '—')
      .map((n) => [n, resolver.resolve(n)] as const)
      .filter(([, r]) => !r.ok)
      .map(([n, r]) => `${n}: ${r.reason}`);
    expect(bad).toEqual([]);
  });
});
