import type { LoadContext, Plugin, PluginModule } from '@docusaurus/types';

/** @easyops-cn/docusaurus-search-local with its index reshaped (see search-local.mjs); same options. */
declare const pluginSearchLocal: PluginModule &
  ((context: LoadContext, options: Record<string, unknown>) => Plugin);
export default pluginSearchLocal;

/** Reshapes the plugin's index; `html(url)` reads a built page. */
export function reshapeIndex(
  index: { documents: unknown[]; index: unknown }[],
  options: { html: (url: string) => string },
): { documents: unknown[]; index: unknown }[];
