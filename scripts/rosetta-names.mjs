// The TypeScript names of the Rosetta Stone, resolved against the packages' own types with the
// compiler: `X` is exported by an entry point (pep3156, pep3156/spec, pep3156/testing,
// pep3156-conformance); `X.m` is a member of X (of its instances or of X itself; of what X returns
// when X is a function); `X[Symbol.s]` is a symbol-keyed member of the same. A name that does not
// resolve is a false row of the inventory, and gen-rosetta fails on it.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ts = createRequire(import.meta.url)('typescript');

export const ENTRY_POINTS = {
  pep3156: 'reference-impl/src/index.ts',
  'pep3156/spec': 'reference-impl/src/spec/index.ts',
  'pep3156/testing': 'reference-impl/src/testing/index.ts',
  'pep3156-conformance': 'spec-tests/src/index.ts',
};

const NAME = /^([A-Za-z_$][\w$]*)(?:\.([A-Za-z_$][\w$]*)|\[Symbol\.(\w+)\])?$/;

/** Parses `X`, `X.m` or `X[Symbol.s]`; null for anything else. */
export function parseName(name) {
  const m = NAME.exec(name);
  return m ? { owner: m[1], member: m[2], symbol: m[3] } : null;
}

/** A compiler program over the entry points, and `resolve(name)`: where it is, or why not. */
export function createResolver() {
  const files = Object.values(ENTRY_POINTS).map((f) => path.join(root, f));
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    customConditions: ['source'],
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
  });
  const checker = program.getTypeChecker();
  const unalias = (s) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
  const exports = new Map();
  for (const [entry, file] of Object.entries(ENTRY_POINTS)) {
    const module = checker.getSymbolAtLocation(program.getSourceFile(path.join(root, file)));
    for (const e of checker.getExportsOfModule(module)) {
      if (!exports.has(e.name)) exports.set(e.name, { entry, symbol: unalias(e) });
    }
  }
  /** The types whose members `X.m` may name: instances, the value itself, what a function returns. */
  function typesOf(symbol) {
    const F = ts.SymbolFlags;
    const types = [];
    if (symbol.flags & (F.Class | F.Interface | F.TypeAlias))
      types.push(checker.getDeclaredTypeOfSymbol(symbol));
    if (symbol.flags & F.Value) {
      const decl = symbol.valueDeclaration ?? symbol.declarations?.[0];
      if (decl) {
        const type = checker.getTypeOfSymbolAtLocation(symbol, decl);
        types.push(type);
        for (const sig of [...type.getCallSignatures(), ...type.getConstructSignatures()])
          types.push(checker.getReturnTypeOfSignature(sig));
      }
    }
    return types.flatMap((t) => (t.isUnion() ? t.types : [t]));
  }
  const hasMember = (types, test) => types.some((t) => checker.getPropertiesOfType(t).some(test));
  return {
    program,
    checker,
    /** `{ ok: true, entry }` or `{ ok: false, reason }`. */
    resolve(name) {
      const parsed = parseName(name);
      if (!parsed) return { ok: false, reason: `"${name}" is not a name (X, X.m or X[Symbol.s])` };
      const found = exports.get(parsed.owner);
      if (!found)
        return {
          ok: false,
          reason: `${parsed.owner} is exported by none of ${Object.keys(ENTRY_POINTS).join(', ')}`,
        };
      if (parsed.member === undefined && parsed.symbol === undefined) return { ok: true, entry: found.entry };
      const types = typesOf(found.symbol);
      const ok =
        parsed.member !== undefined
          ? hasMember(types, (p) => p.name === parsed.member)
          : hasMember(types, (p) => String(p.escapedName).startsWith(`__@${parsed.symbol}@`));
      return ok
        ? { ok: true, entry: found.entry }
        : {
            ok: false,
            reason: `${parsed.owner} (${found.entry}) has no member ${name.slice(parsed.owner.length)}`,
          };
    },
  };
}
