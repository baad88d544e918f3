// Registers tsx's loader so the suite runs from its TypeScript sources (in this repository, where
// there is no build). The published package runs from dist/ and does not load this file.
import { register } from 'tsx/esm/api';

register();
