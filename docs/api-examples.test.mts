// The API reference's examples are tested like code: every ```ts block under an `@example` tag in
// reference-impl/src is a complete module that must typecheck against the real packages (compiled
// with the TypeScript compiler API), and every function and class that `pep3156` exports has one.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'reference-impl', 'src');
const out = path.join(root, '.tmp', 'api-examples');

interface Example {
  /** Where the example is written: `reference-impl/src/scheduler.ts:230`. */
  where: string;
  file: string;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

/** The ```ts blocks of the `@example` tags of one source file, with the line each starts on. */
function examplesOf(file: string): { line: number; code: string }[] {
  const text = readFileSync(file, 'utf8');
  const found: { line: number; code: string }[] = [];
  for (const c of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const startLine = text.slice(0, c.index).split('\n').length;
    const lines = c[0].split('\n').map((l) => l.replace(/^\s*\/?\*+\/?\s?/, '').replace(/\s*\*\/$/, ''));
    let inExample = false;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] ?? '';
      if (/^@\w+/.test(line)) inExample = line.startsWith('@example');
      if (!inExample || !/^```ts\b/.test(line)) continue;
      const end = lines.findIndex((l, j) => j > i && l.startsWith('```'));
      found.push({ line: startLine + i + 1, code: lines.slice(i + 1, end).join('\n') });
      i = end;
    }
  }
  return found;
}

/** The functions and classes `pep3156` exports (a constructor exported as a const counts as a class). */
function exportedFunctionsAndClasses(): { name: string; hasExample: boolean }[] {
  const entry = path.join(src, 'index.ts');
  const program = ts.createProgram([entry], { ...compilerOptions(), noEmit: true });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(entry) as ts.SourceFile);
  if (!module) throw new Error('reference-impl/src/index.ts is not a module');
  return checker.getExportsOfModule(module).flatMap((exported) => {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const F = ts.SymbolFlags;
    const isClass = (symbol.flags & F.Class) !== 0;
    const isFunction = (symbol.flags & F.Function) !== 0;
    const isConstructor =
      (symbol.flags & F.Variable) !== 0 &&
      checker.getTypeOfSymbol(symbol).getConstructSignatures().length > 0;
    if (!isClass && !isFunction && !isConstructor) return [];
    const declarations = (symbol.declarations ?? []).filter(
      (d) => !ts.isTypeAliasDeclaration(d) && !ts.isInterfaceDeclaration(d),
    );
    const hasExample = declarations.some((d) => ts.getJSDocTags(d).some((t) => t.tagName.text === 'example'));
    return [{ name: exported.name, hasExample }];
  });
}

function compilerOptions(): ts.CompilerOptions {
  const base = ts.readConfigFile(path.join(root, 'tsconfig.base.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(
    { ...base.config, compilerOptions: { ...base.config.compilerOptions, lib: ['ES2023', 'DOM'] } },
    ts.sys,
    root,
  );
  return parsed.options;
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, 'package.json'), '{ "private": true, "type": "module" }\n');
const examples: Example[] = sources(src)
  .sort()
  .flatMap((file) =>
    examplesOf(file).map(({ line, code }) => {
      const rel = path.relative(root, file);
      const name = path.join(out, `${rel.replace(/[^a-z0-9]+/gi, '_')}_L${line}.ts`);
      // Every example is a module (top-level await needs one), as a reader would paste it.
      writeFileSync(name, /^\s*(import|export)\b/m.test(code) ? `${code}\n` : `${code}\nexport {};\n`);
      return { where: `${rel}:${line}`, file: name };
    }),
  );

describe('API reference examples (TSDoc @example)', () => {
  it('every exported function and class of pep3156 has an @example', () => {
    const all = exportedFunctionsAndClasses();
    const missing = all.filter((x) => !x.hasExample).map((x) => x.name);
    console.log(
      `pep3156: ${all.length - missing.length} of ${all.length} exported functions and classes have an @example`,
    );
    expect(all.length).toBeGreaterThan(80);
    expect(missing, 'exports without an @example').toEqual([]);
  }, 60_000);

  it(`every @example typechecks against the real packages (${examples.length} examples)`, () => {
    expect(examples.length).toBeGreaterThan(0);
    const program = ts.createProgram(
      examples.map((e) => e.file),
      compilerOptions(),
    );
    const byFile = new Map(examples.map((e) => [e.file, e.where]));
    const errors = ts.getPreEmitDiagnostics(program).map((d) => {
      const file = d.file?.fileName ?? '';
      const { line } = d.file?.getLineAndCharacterOfPosition(d.start ?? 0) ?? { line: 0 };
      const where = byFile.get(path.resolve(file)) ?? path.relative(root, file);
      return `${where} (example line ${line + 1}): ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(errors, 'TypeScript reports no errors').toEqual([]);
  }, 120_000);
});
