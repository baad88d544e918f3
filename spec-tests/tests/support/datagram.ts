/**
 * A datagram protocol that records every call, in order, for the datagram sections. It uses only
 * the loop's public interface.
 * @module
 */
import type { DatagramProtocol, DatagramTransport, SockAddr } from 'pep3156/spec';

/** Records its calls, what it received (as text, with the sender) and its errors; echoes when `echo`. */
export class Dgram implements DatagramProtocol {
  events: string[] = [];
  got: [string, SockAddr][] = [];
  transport: DatagramTransport | null = null;
  echo = false;
  connectionMade(t: DatagramTransport): void {
    this.events.push('connectionMade');
    this.transport = t;
  }
  datagramReceived(data: Uint8Array, addr: SockAddr): void {
    this.events.push('datagramReceived');
    this.got.push([new TextDecoder().decode(data), addr]);
    if (this.echo) this.transport?.sendto(data, addr);
  }
  errors: Error[] = [];
  lostWith: Error | null | undefined = undefined;
  errorReceived(exc: Error): void {
    this.events.push('errorReceived');
    this.errors.push(exc);
  }
  connectionLost(exc: Error | null): void {
    this.events.push('connectionLost');
    this.lostWith = exc;
  }
}
