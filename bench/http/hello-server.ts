// An HTTP/1.1 "hello" server on pep3156 streams, as a user would write one: a task per connection
// reads a request head with `readuntil('\r\n\r\n')`, answers `Hello, world!` and keeps the
// connection open for the next request (keep-alive) until the client closes it or asks to close.
// A malformed request gets its 4xx/5xx answer and the connection is closed; a client that goes
// away at any point just ends its task. bench/http.bench.ts measures it against node:http.
//
//   const server = yield* startServer(serveHello, '127.0.0.1', 8080);
//
// The reader's limit (startServer's `limit` option, 64 KiB by default) bounds a request head.
// Left out, as a hello server can afford: an idle timeout (wrap the read in `waitFor`), chunked
// request bodies (answered 501) and pipelining beyond what the stream buffers anyway.
import {
  ConnectionError,
  type Coroutine,
  IncompleteReadError,
  LimitOverrunError,
  type StreamReader,
  type StreamWriter,
} from 'pep3156';

/** The blank line that ends a request head. */
const HEAD_END = '\r\n\r\n';
export const HELLO = 'Hello, world!\n';

/** What the server uses of a request head. */
export interface RequestHead {
  readonly method: string;
  readonly target: string;
  /** `HTTP/1.1` or `HTTP/1.0`. */
  readonly version: string;
  /** Lower-cased names; a repeated header's values joined with `, `. */
  readonly headers: ReadonlyMap<string, string>;
}

/** A request the server cannot answer normally: it sends `status` and closes the connection. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: 400 | 431 | 501,
    message: string,
  ) {
    super(message);
  }
}

const REASONS = {
  200: 'OK',
  400: 'Bad Request',
  431: 'Request Header Fields Too Large',
  501: 'Not Implemented',
};
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const VERSION = /^HTTP\/1\.[01]$/;
const DIGITS = /^\d{1,15}$/;

/**
 * Serves one connection: requests one after another until the client closes or asks to close.
 * Pass it to `startServer`.
 */
export function* serveHello(reader: StreamReader, writer: StreamWriter): Coroutine<void> {
  try {
    for (;;) {
      const request = yield* readRequest(reader);
      if (request === null) return; // the client closed the connection
      const keepAlive = wantsKeepAlive(request);
      writer.write(response(200, HELLO, { keepAlive, head: request.method === 'HEAD' }));
      yield* writer.drain();
      if (!keepAlive) return;
    }
  } catch (error) {
    // A bad request is answered, then the connection closes: its bytes can no longer be framed.
    if (error instanceof HttpError) writer.write(response(error.status, `${error.message}\n`));
    // The client went away (a reset while reading or draining): nobody is left to answer.
    else if (!(error instanceof ConnectionError)) throw error;
  } finally {
    writer.close(); // flushes what is buffered (the error response) first
  }
}

/**
 * Reads one request (its head, and its body past, unused), or `null` if the client closed the
 * connection before a whole request arrived.
 * @throws {@link HttpError} for a request that is malformed, too large or framed in a way this
 *   server does not read.
 */
function* readRequest(reader: StreamReader): Coroutine<RequestHead | null> {
  let head: Uint8Array;
  try {
    head = yield* reader.readuntil(HEAD_END);
  } catch (error) {
    if (error instanceof IncompleteReadError) return null; // EOF, between requests or inside one
    if (error instanceof LimitOverrunError) throw new HttpError(431, 'request head too large');
    throw error;
  }
  const request = parseRequestHead(latin1(head));
  // The next request starts after this one's body: read it past, a piece at a time.
  for (let left = contentLength(request); left > 0; ) {
    const piece = yield* reader.read(Math.min(left, 65536));
    if (piece.length === 0) return null;
    left -= piece.length;
  }
  return request;
}

/**
 * Parses a request head: the request line and the header lines, up to and including the blank line.
 * @throws {@link HttpError} 400 if it is not an HTTP/1.0 or HTTP/1.1 request head.
 */
export function parseRequestHead(text: string): RequestHead {
  const lines = text.slice(0, -HEAD_END.length).split('\r\n');
  const requestLine = (lines[0] ?? '').split(' ');
  const [method = '', target = '', version = ''] = requestLine;
  if (requestLine.length !== 3 || !TOKEN.test(method) || target === '' || !VERSION.test(version))
    throw new HttpError(400, 'malformed request line');
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    // No colon, a space before it, or a folded line (obsolete since RFC 7230): all rejected.
    if (colon <= 0 || !TOKEN.test(name)) throw new HttpError(400, 'malformed header line');
    const value = line.slice(colon + 1).trim();
    const previous = headers.get(name);
    headers.set(name, previous === undefined ? value : `${previous}, ${value}`);
  }
  return { method, target, version, headers };
}

/**
 * The length of the request body.
 * @throws {@link HttpError} 400 for an invalid Content-Length; 501 for Transfer-Encoding, which
 *   this server does not decode.
 */
function contentLength(request: RequestHead): number {
  if (request.headers.has('transfer-encoding'))
    throw new HttpError(501, 'Transfer-Encoding is not supported');
  const value = request.headers.get('content-length');
  if (value === undefined) return 0;
  // Repeated headers arrive joined: `5, 5` is one length sent twice, `5, 6` is an attack.
  const lengths = new Set(value.split(',').map((v) => v.trim()));
  const [length = ''] = lengths;
  if (lengths.size !== 1 || !DIGITS.test(length)) throw new HttpError(400, 'invalid Content-Length');
  return Number(length);
}

/** HTTP/1.1 keeps the connection unless told `close`; HTTP/1.0 closes it unless told `keep-alive`. */
function wantsKeepAlive(request: RequestHead): boolean {
  const tokens = (request.headers.get('connection') ?? '').toLowerCase().split(/\s*,\s*/);
  return request.version === 'HTTP/1.1' ? !tokens.includes('close') : tokens.includes('keep-alive');
}

/** A complete response; `keepAlive` false adds `Connection: close`, `head` leaves the body out. */
function response(
  status: keyof typeof REASONS,
  body: string,
  { keepAlive = false, head = false } = {},
): Uint8Array {
  const text =
    `HTTP/1.1 ${status} ${REASONS[status]}\r\n` +
    'Content-Type: text/plain; charset=utf-8\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    `Date: ${httpDate()}\r\n` +
    (keepAlive ? '' : 'Connection: close\r\n') +
    '\r\n';
  return Buffer.from(head ? text : text + body);
}

/** HTTP heads are bytes, mostly ASCII: latin1 maps each byte to one character and rejects none. */
function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

let dateSecond = -1;
let dateText = '';
/** The Date header's value, formatted once a second (as node:http does). */
function httpDate(): string {
  const now = Date.now();
  if (Math.floor(now / 1000) !== dateSecond) {
    dateSecond = Math.floor(now / 1000);
    dateText = new Date(now).toUTCString();
  }
  return dateText;
}
