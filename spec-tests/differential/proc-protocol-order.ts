// Twin of proc-protocol-order.py: the same trace, line for line. The child is `node -e …` where the
// Python program runs `sys.executable -c …`: it echoes its stdin, upper-cased, then exits with 3.
import { type Coroutine, getRunningLoop, run, SubprocessProtocol, sleep, type WriteTransport } from 'pep3156';

const CHILD =
  "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{process.stdout.write(s.toUpperCase(),()=>{process.stderr.write('err',()=>process.exit(3))})})";

class Rec extends SubprocessProtocol {
  events: string[] = [];
  out: Record<number, string> = { 1: '', 2: '' };
  override connectionMade(): void {
    this.events.push('connection_made');
  }
  override pipeDataReceived(fd: 1 | 2, data: Uint8Array): void {
    this.out[fd] += new TextDecoder().decode(data);
    if (this.events.at(-1) !== `data${fd}`) this.events.push(`data${fd}`);
  }
  override pipeConnectionLost(fd: 0 | 1 | 2, exc: Error | null): void {
    this.events.push(`lost${fd} ${exc === null ? 'None' : String(exc)}`);
  }
  override processExited(): void {
    this.events.push('process_exited');
  }
  override connectionLost(exc: Error | null): void {
    this.events.push(`connection_lost ${exc === null ? 'None' : String(exc)}`);
  }
}

function* until(condition: () => boolean): Coroutine<void> {
  for (let i = 0; i < 5000; i++) {
    if (condition()) return;
    yield* sleep(0.001);
  }
  throw new Error('condition not met');
}

const py = (b: boolean) => (b ? 'True' : 'False');
const list = (a: string[]) => `[${a.map((e) => `'${e}'`).join(', ')}]`;

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  const rec = new Rec();
  const [transport] = yield* loop.subprocessExec(() => rec, process.execPath, ['-e', CHILD]);
  console.log(`made before resolving: ${list(rec.events)}`);
  console.log(`returncode while running: ${transport.getReturncode() ?? 'None'}`);
  const stdin = transport.getPipeTransport(0) as WriteTransport;
  stdin.write(new TextEncoder().encode('to the child'));
  stdin.writeEof();
  yield* until(() => (rec.events.at(-1) ?? '').startsWith('connection_lost'));
  const ev = rec.events;
  for (const fd of [0, 1, 2]) {
    console.log(
      `fd ${fd}: ${ev.filter((e) => e.endsWith(String(fd)) || e.startsWith(`lost${fd}`)).join(', ')}`,
    );
  }
  console.log(`fd 1 got: ${rec.out[1]}`);
  console.log(`fd 2 got: ${rec.out[2]}`);
  console.log(`process_exited: ${ev.filter((e) => e === 'process_exited').length} time(s)`);
  console.log(
    `connection_lost last: ${ev.at(-1)}, after process_exited: ${py(ev.indexOf('process_exited') < ev.length - 1)}`,
  );
  console.log(
    `every pipe lost before connection_lost: ${py([0, 1, 2].every((fd) => ev.indexOf(`lost${fd} None`) < ev.length - 1 && ev.includes(`lost${fd} None`)))}`,
  );
  console.log(
    `data before its pipe was lost: ${py([1, 2].every((fd) => ev.lastIndexOf(`data${fd}`) < ev.indexOf(`lost${fd} None`)))}`,
  );
  console.log(`returncode: ${transport.getReturncode()}`);
  transport.close();
  try {
    transport.kill();
    console.log('kill after exit: no error');
  } catch (error) {
    console.log(`kill after exit: ${(error as Error).name}`);
  }
}

await run(main());
