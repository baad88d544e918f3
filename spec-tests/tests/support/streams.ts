/**
 * The stream classes and functions the `streams` section tests: the adapter's own (its `streams`
 * field), or the reference's running on the adapter's loop. Read once per test file, after the
 * adapter is installed.
 * @module
 */
import * as reference from 'pep3156';
import type { StreamsApi } from '../../src/adapter.js';
import { getAdapter } from '../../src/current-adapter.js';

/** The streams under test. */
export function streamsApi(): StreamsApi {
  const own = getAdapter().streams ?? {};
  return {
    StreamReader: own.StreamReader ?? reference.StreamReader,
    StreamReaderProtocol: own.StreamReaderProtocol ?? reference.StreamReaderProtocol,
    StreamWriter: own.StreamWriter ?? reference.StreamWriter,
    openConnection: own.openConnection ?? reference.openConnection,
    startServer: own.startServer ?? reference.startServer,
    openUnixConnection: own.openUnixConnection ?? reference.openUnixConnection,
    startUnixServer: own.startUnixServer ?? reference.startUnixServer,
  };
}
