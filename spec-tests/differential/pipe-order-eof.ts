// Twin of pipe-order-eof.py: the same trace, line for line. Node has no os.pipe(): one PassThrough
// stream is the pipe, its writable side given to connectWritePipe and its readable side to
// connectReadPipe.
import { PassThrough } from 'node:stream';
import { type Coroutine, getRunningLoop, Protocol, run, sleep } from 'pep3156';

class Rec extends Protocol {
  events: string[] = [];
  data = '';
  override connectionMade(): void {
    this.events.push('connection_made');
  }
  override dataReceived(data: Uint8Array): void {
    this.data += new TextDecoder().decode(data);
    if (this.events.at(-1) !== 'data_received') this.events.push('data_received');
  }
  override eofReceived(): boolean {
    this.events.push('eof_received');
    return true;
  }
  override connectionLost(exc: Error | null): void {
    this.events.push(`connection_lost ${exc === null ? 'None' : String(exc)}`);
  }
}

function* until(condition: () => boolean): Coroutine<void> {
  for (let i = 0; i < 2000; i++) {
    if (condition()) return;
    yield* sleep(0.001);
  }
  throw new Error('condition not met');
}

const py = (b: boolean) => (b ? 'True' : 'False');
const list = (a: string[]) => `[${a.map((e) => `'${e}'`).join(', ')}]`;
const bytes = (s: string) => new TextEncoder().encode(s);

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  const pipe = new PassThrough();
  const reader = new Rec();
  const writer = new Rec();
  const [rt] = yield* loop.connectReadPipe(() => reader, pipe);
  const [wt] = yield* loop.connectWritePipe(() => writer, pipe);
  console.log(`made before resolving: reader ${list(reader.events)}, writer ${list(writer.events)}`);
  rt.pauseReading();
  console.log(`reading after pause_reading: ${py(rt.isReading())}`);
  wt.write(bytes('piped '));
  wt.write(bytes('data'));
  console.log(`can_write_eof: ${py(wt.canWriteEof())}`);
  wt.writeEof();
  console.log(`writer closing after write_eof: ${py(wt.isClosing())}`);
  try {
    wt.write(bytes(' more'));
    console.log('write after write_eof: dropped');
  } catch (error) {
    console.log(`write after write_eof: ${(error as Error).name}`);
  }
  yield* until(() => writer.events.length > 1);
  yield* sleep(0.02);
  console.log(`while paused: ${list(reader.events)}`);
  rt.resumeReading();
  console.log(`reading after resume_reading: ${py(rt.isReading())}`);
  yield* until(() => (reader.events.at(-1) ?? '').startsWith('connection_lost'));
  console.log(`reader got: ${reader.data}`);
  console.log(`reader: ${reader.events.join(', ')}`);
  console.log(`writer: ${writer.events.join(', ')}`);
  console.log(`reader closing: ${py(rt.isClosing())}`);
}

await run(main());
