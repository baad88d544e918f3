// Resolve the workspaces' TypeScript sources (the "source" export condition) instead of their
// built dist/, so tests, docs samples and benches need no build step. Vite resolves server-side
// imports with ssr.resolve.conditions; both lists keep Vite's defaults after "source".
const conditions = ['source', 'module', 'node', 'development|production'];

export const sourceResolution = {
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['source'] } },
};
