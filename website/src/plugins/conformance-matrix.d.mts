import type { LoadContext, Plugin } from '@docusaurus/types';

/** The Docusaurus plugin that adds the /conformance route with the matrix's data as its module. */
export default function conformanceMatrix(context: LoadContext): Plugin;
