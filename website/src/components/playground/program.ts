// A playground program, from what the reader wrote to what runs: TypeScript types stripped by
// Sucrase, and imports of pep3156 (or its core and spec subpaths) turned into reads of the package
// object the playground puts in scope, so a sample of the docs runs as printed.
import { transform } from 'sucrase';
import { PACKAGE } from './trace';

const IMPORT =
  /^\s*import\s+(type\s+)?(?:\{([^}]*)\}|\*\s+as\s+([A-Za-z_$][\w$]*))\s+from\s+['"](pep3156(?:\/core|\/spec)?)['"];?\s*$/gm;

/** JavaScript that runs in the playground's scope; throws a SyntaxError with a line on bad input. */
export function compile(source: string): string {
  const js = transform(source, {
    transforms: ['typescript'],
    disableESTransforms: true,
    keepUnusedImports: false,
  }).code;
  return js
    .replace(
      IMPORT,
      (_all, typeOnly: string | undefined, named: string | undefined, star: string | undefined) => {
        if (typeOnly) return '';
        if (star) return `const ${star} = ${PACKAGE};`;
        const names = (named ?? '')
          .split(',')
          .map((n) => n.trim())
          .filter((n) => n && !n.startsWith('type '))
          .map((n) => n.replace(/\s+as\s+/, ': '));
        return names.length > 0 ? `const { ${names.join(', ')} } = ${PACKAGE};` : '';
      },
    )
    .replace(/^export\s+(?=(?:async\s+)?function|const|let|class)/gm, '');
}
