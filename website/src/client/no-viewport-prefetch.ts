// Docusaurus prefetches the code of every page a visible link points to (the whole sidebar, on
// every page): on this site that tripled what a spec page transfers. Links still preload their
// page when the pointer or focus reaches them (window.docusaurus.preload), which is enough to make
// navigation instant; only the viewport prefetch is turned off. This module runs before the app
// installs window.docusaurus (client modules are imported first), and wraps it as it is set.
type DocusaurusApi = { prefetch: (routePath: string) => unknown; preload: (routePath: string) => unknown };

if (typeof window !== 'undefined') {
  let api: DocusaurusApi | undefined;
  Object.defineProperty(window, 'docusaurus', {
    configurable: true,
    get: () => api,
    set: (value: DocusaurusApi) => {
      api = Object.freeze({ ...value, prefetch: () => false });
    },
  });
}

export {};
