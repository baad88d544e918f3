import type * as Preset from '@docusaurus/preset-classic';
import type { Config } from '@docusaurus/types';
import { themes as prismThemes } from 'prism-react-renderer';
import site from './spec-tests/site.json';

// The site: the prose spec (docs/spec), the tutorial, guides and explanations, the TypeDoc API
// reference generated from the packages' TSDoc (docs/api, not committed), and the pages under
// website/src/pages (home, conformance matrix, playground).
export default async function createConfig(): Promise<Config> {
  // Every TypeScript sample in docs/ is type-checked against the packages and rendered with hover
  // types while the site builds (an ESM module, hence loaded here).
  const { default: remarkTwoslash } = await import('./website/src/plugins/remark-twoslash.mjs');
  // Each <Statement> gets the tests and Python twins that check it (only its own, not the whole table).
  const { default: remarkStatementRefs } = await import('./website/src/plugins/remark-statement-refs.mjs');
  // The local search, with its index reshaped so that an API name finds its declaration and its
  // spec statements first (see the module).
  const { default: searchLocal } = await import('./website/src/plugins/search-local.mjs');
  // The conformance matrix's route (/conformance) with the data it shows, built from the results.
  const { default: conformanceMatrix } = await import('./website/src/plugins/conformance-matrix.mjs');
  // Where the source lives: spec-tests/site.json's `repository`, as the packages' `repository` fields
  // say; PEP3156_REPO_URL overrides it at build time (a fork, a mirror).
  const repositoryUrl = (process.env.PEP3156_REPO_URL || site.repository).replace(/\/+$/, '');
  return {
    title: 'pep3156',
    tagline:
      "Python's asyncio (PEP 3156) for TypeScript: the spec, a reference implementation, a conformance suite",
    favicon: 'img/favicon.svg',
    // Where the site is published: spec-tests/site.json, the one setting the conformance suite's
    // failure links also use (it ships in the suite's package). PEP3156_SPEC_URL and
    // PEP3156_BASE_URL override it for both, at build time and at run time.
    url: process.env.PEP3156_SPEC_URL ?? site.url,
    baseUrl: process.env.PEP3156_BASE_URL ?? site.baseUrl,
    customFields: { repositoryUrl },
    onBrokenLinks: 'throw',
    onBrokenAnchors: 'throw',
    markdown: { mermaid: true, hooks: { onBrokenMarkdownLinks: 'throw' } },
    future: { v4: true, faster: true },
    staticDirectories: ['website/static'],
    // No prefetch of every linked page's code as its link scrolls into view (see the module).
    clientModules: ['./website/src/client/no-viewport-prefetch.ts'],
    i18n: { defaultLocale: 'en', locales: ['en'] },
    presets: [
      [
        'classic',
        {
          docs: {
            path: 'docs',
            sidebarPath: './sidebars.ts',
            exclude: ['**/*.test.*', '**/code/**', '**/vitest.config.ts', '**/package.json'],
            beforeDefaultRemarkPlugins: [
              remarkStatementRefs,
              [remarkTwoslash, { exclude: [/[\\/]docs[\\/]api[\\/]/] }],
            ],
          },
          blog: false,
          pages: { path: 'website/src/pages' },
          // Twoslash's popup styles first, so that the site's own rules (contrast, dark mode) win.
          theme: {
            customCss: [require.resolve('@shikijs/twoslash/style-rich.css'), './website/src/css/custom.css'],
          },
        } satisfies Preset.Options,
      ],
    ],
    plugins: [
      conformanceMatrix,
      // Resolve the workspace packages to their TypeScript sources (the "source" export condition),
      // so the playground runs pep3156/core without a separate build.
      () => ({
        name: 'pep3156-workspace-sources',
        configureWebpack: () => ({
          resolve: {
            conditionNames: ['source', 'import', 'module', 'browser', 'default'],
            extensionAlias: { '.js': ['.ts', '.tsx', '.js'] },
          },
        }),
      }),
      [
        'docusaurus-plugin-typedoc',
        {
          // One module per entry point a user imports, named as imported (each index's `@module`
          // tag); pep3156/core is the browser-safe part of pep3156, documented there.
          entryPoints: [
            'reference-impl/src/index.ts',
            'reference-impl/src/spec/index.ts',
            'reference-impl/src/testing/index.ts',
            'spec-tests/src/index.ts',
          ],
          name: 'pep3156 API reference',
          sortEntryPoints: false,
          indexFormat: 'table',
          tsconfig: 'tsconfig.typedoc.json',
          // Each entry lists the spec statements that govern it (from the Rosetta Stone's data).
          plugin: ['./website/src/plugins/typedoc-spec-links.mjs'],
          disableSources: true,
          validation: { notDocumented: true, invalidLink: true, notExported: false },
          treatValidationWarningsAsErrors: true,
          treatWarningsAsErrors: false,
          out: 'docs/api',
          readme: 'none',
          excludePrivate: true,
          excludeInternal: true,
          skipErrorChecking: true,
          // The sidebar (docs/api/typedoc-sidebar.cjs, used by sidebars.ts) groups each module's
          // entries under Classes, Functions, …, labelled by name; ids keep the digits of pep3156.
          sidebar: { autoConfiguration: true, pretty: true },
          numberPrefixParser: false,
        },
      ],
    ],
    themes: [
      '@docusaurus/theme-mermaid',
      [
        searchLocal,
        {
          hashed: true,
          indexBlog: false,
          docsRouteBasePath: '/docs',
          highlightSearchTermsOnTargetPage: false,
          // Statements are indexed one by one (search-local.mjs); the type popups of the code
          // samples were a third of the index and matched every name a sample uses.
          ignoreCssSelectors: ['.statement', '.twoslash-popup-container'],
        },
      ],
      // Our own components (the global MDX components: Statement, Tabs, TabItem); listed last.
      () => ({ name: 'pep3156-theme', getThemePath: () => './website/src/theme' }),
    ],
    themeConfig: {
      colorMode: { respectPrefersColorScheme: true },
      navbar: {
        title: 'pep3156',
        items: [
          { to: '/docs/spec', label: 'Spec', position: 'left' },
          { to: '/docs/tutorial', label: 'Tutorial', position: 'left' },
          { to: '/docs/guides', label: 'Guides', position: 'left' },
          { to: '/docs/explanation', label: 'Explanation', position: 'left' },
          { to: '/docs/api', label: 'API', position: 'left' },
          { to: '/playground', label: 'Playground', position: 'left' },
          { to: '/conformance', label: 'Conformance', position: 'left' },
          { href: repositoryUrl, label: 'Repository', position: 'right' },
        ],
      },
      footer: {
        style: 'dark',
        copyright: 'pep3156: PEP 3156 (public domain) mapped to TypeScript. MIT licensed.',
      },
      prism: {
        theme: prismThemes.vsLight,
        darkTheme: prismThemes.oceanicNext,
        additionalLanguages: ['bash', 'diff', 'json'],
      },
    } satisfies Preset.ThemeConfig,
  };
}
