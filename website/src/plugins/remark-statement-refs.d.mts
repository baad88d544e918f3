import type { Root } from 'mdast';

/** Adds to each <Statement id=…> a `refs` attribute: the tests and Python twins that check it (JSON). */
export default function remarkStatementRefs(): (tree: Root) => void;
