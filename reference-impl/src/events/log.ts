/**
 * The single logger of the library (PEP § Logging: one logger named "asyncio"). Users may
 * replace its methods to route messages elsewhere, but not the object itself.
 * @module
 */

/** Where the library's messages go. Replace `warning` / `error` to capture or silence them. */
export interface Logger {
  /** The logger's name: `"asyncio"`, as in Python. */
  readonly name: 'asyncio';
  /** A recoverable problem (a slow callback in debug mode). */
  warning(message: string, ...details: unknown[]): void;
  /** An error nobody handled (the default exception handler). */
  error(message: string, ...details: unknown[]): void;
}

/** The library's logger; by default it writes to the console. */
export const logger: Logger = {
  name: 'asyncio',
  warning: (message, ...details) => console.warn(message, ...details),
  error: (message, ...details) => console.error(message, ...details),
};
