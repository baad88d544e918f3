/**
 * Test certificates for the TLS tests: self-signed, made with `openssl` for the run that asks, kept
 * in a temporary directory and removed after it. Nothing leaves loopback.
 * @module
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A key and its self-signed certificate, both PEM. */
export type TestCert = {
  key: string;
  cert: string;
};

/**
 * Makes a self-signed certificate whose subjectAltName is `san` (e.g. `'DNS:localhost,IP:127.0.0.1'`),
 * with an EC P-256 key (fast to make).
 */
export function makeCert(san: string, commonName = 'localhost'): TestCert {
  const dir = mkdtempSync(path.join(tmpdir(), 'pep3156-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        `/CN=${commonName}`,
        '-addext',
        `subjectAltName=${san}`,
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return {
      key: readFileSync(path.join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A certificate for `localhost` and `127.0.0.1`, with a `remove()` kept for callers that clean up. */
export interface TestCertificate extends TestCert {
  remove(): void;
}

/** Makes a fresh self-signed certificate (valid one day) for `localhost` and `127.0.0.1`. */
export function selfSignedCertificate(): TestCertificate {
  // makeCert keeps no files: the PEM text is all there is, so there is nothing left to remove.
  return { ...makeCert('DNS:localhost,IP:127.0.0.1'), remove: () => {} };
}
