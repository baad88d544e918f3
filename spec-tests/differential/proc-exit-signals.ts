// Twin of proc-exit-signals.py: the same trace, line for line. Children are `node -e …` where the
// Python program runs `sys.executable -c …`.
import { type Coroutine, getRunningLoop, run, SubprocessProtocol, sleep } from 'pep3156';

class Rec extends SubprocessProtocol {
  events: string[] = [];
  out = '';
  override connectionMade(): void {
    this.events.push('connection_made');
  }
  override pipeDataReceived(_fd: 1 | 2, data: Uint8Array): void {
    this.out += new TextDecoder().decode(data);
  }
  override pipeConnectionLost(fd: 0 | 1 | 2): void {
    this.events.push(`lost${fd}`);
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

const done = (rec: Rec) => (rec.events.at(-1) ?? '').startsWith('connection_lost');
const py = (b: boolean) => (b ? 'True' : 'False');
const repr = (s: string) => `'${s.replace(/\n/g, '\\n')}'`;

function shape(rec: Rec): string {
  // pipes are lost in host order: sort them, keep the rest in place
  const lost = rec.events.filter((e) => e.startsWith('lost')).sort();
  const rest = rec.events.filter((e) => !e.startsWith('lost'));
  return `${rest[0]}, ${lost.join(' ')}, ${rest.slice(1).join(', ')}`;
}

function* main(): Coroutine<void> {
  const loop = getRunningLoop();
  const rec = new Rec();
  const [t] = yield* loop.subprocessExec(() => rec, process.execPath, ['-e', 'setTimeout(() => {}, 5000)']);
  const pid = t.getPid();
  console.log(`pid is a positive int: ${py(typeof pid === 'number' && Number.isInteger(pid) && pid > 0)}`);
  console.log(`returncode before: ${t.getReturncode() ?? 'None'}`);
  t.terminate();
  yield* until(() => done(rec));
  console.log(`returncode after terminate: ${t.getReturncode()}`);
  console.log(`terminated: ${shape(rec)}`);
  for (const name of ['sendSignal', 'terminate', 'kill'] as const) {
    const pyName = { sendSignal: 'send_signal', terminate: 'terminate', kill: 'kill' }[name];
    try {
      if (name === 'sendSignal') t.sendSignal(15);
      else t[name]();
      console.log(`${pyName} after exit: no error`);
    } catch (error) {
      console.log(`${pyName} after exit: ${(error as Error).name}`);
    }
  }
  t.close();

  const shell = new Rec();
  const [st] = yield* loop.subprocessShell(() => shell, 'echo shell-$((6*7)); exit 3');
  yield* until(() => done(shell));
  console.log(`shell: returncode ${st.getReturncode()}, out ${repr(shell.out)}`);

  const merged = new Rec();
  const [mt] = yield* loop.subprocessExec(
    () => merged,
    process.execPath,
    ['-e', "process.stderr.write('E')"],
    {
      stderr: 'stdout',
    },
  );
  yield* until(() => done(merged));
  console.log(
    `merged: pipe 2 ${mt.getPipeTransport(2) ?? 'None'}, out ${repr(merged.out)}, ${shape(merged)}`,
  );

  try {
    yield* loop.subprocessExec(() => new Rec(), '/nonexistent/pep3156-no-such-program');
    console.log('not found: no error');
  } catch (error) {
    console.log(`not found: ${(error as Error).name}`);
  }
}

await run(main());
