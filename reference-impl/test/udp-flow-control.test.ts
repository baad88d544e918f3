// The reference's datagram transport has write flow control, as asyncio's selector datagram
// transport does: pauseWriting inside the sendto that takes the unsent bytes above the high mark,
// resumeWriting once Node has sent them down to the low mark.
import { expect, it } from 'vitest';
import { DatagramProtocol, type DatagramTransport, newEventLoop, ValueError } from '../src/index.js';

class Recording extends DatagramProtocol {
  events: string[] = [];
  received = 0;
  override pauseWriting(): void {
    this.events.push('pauseWriting');
  }
  override resumeWriting(): void {
    this.events.push('resumeWriting');
  }
  override datagramReceived(data: Uint8Array): void {
    this.received += data.length;
  }
}

it('[datagram.ref.flow-control] pauses inside sendto above the high mark and resumes once sent', async () => {
  const loop = newEventLoop();
  try {
    const got = await loop.runUntilComplete(
      loop.createTask(
        (function* () {
          const [rt, receiver] = yield* loop.createDatagramEndpoint(() => new Recording(), {
            localAddr: ['127.0.0.1', 0],
          });
          const [host, port] = rt.getExtraInfo('sockname') as [string, number];
          const [t, sender] = yield* loop.createDatagramEndpoint(() => new Recording(), {
            remoteAddr: [host, port],
          });
          const dt = t as DatagramTransport & {
            setWriteBufferLimits(high?: number, low?: number): void;
            getWriteBufferLimits(): [number, number];
          };
          const defaults = dt.getWriteBufferLimits();
          let badLimits = '';
          try {
            dt.setWriteBufferLimits(10, 20);
          } catch (e) {
            badLimits = e instanceof ValueError ? 'ValueError' : String(e);
          }
          dt.setWriteBufferLimits(100, 0);
          dt.sendto(new Uint8Array(60));
          const afterSmall = [...sender.events];
          dt.sendto(new Uint8Array(60)); // 120 bytes unsent: above 100
          const inside = [...sender.events];
          const buffered = dt.getWriteBufferSize();
          const deadline = loop.time() + 4;
          while (!(sender.events.length === 2 && receiver.received === 120) && loop.time() < deadline) {
            const f = loop.createFuture<void>();
            loop.callLater(0.001, () => f.setResult(undefined));
            yield* f;
          }
          const result = {
            defaults,
            badLimits,
            limits: dt.getWriteBufferLimits(),
            afterSmall,
            inside,
            buffered,
            after: sender.events,
            left: dt.getWriteBufferSize(),
            received: receiver.received,
          };
          t.close();
          rt.close();
          return result;
        })(),
      ),
    );
    expect(got).toEqual({
      defaults: [16384, 65536],
      badLimits: 'ValueError',
      limits: [0, 100],
      afterSmall: [],
      inside: ['pauseWriting'],
      buffered: 120,
      after: ['pauseWriting', 'resumeWriting'],
      left: 0,
      received: 120,
    });
  } finally {
    loop.close();
  }
});
