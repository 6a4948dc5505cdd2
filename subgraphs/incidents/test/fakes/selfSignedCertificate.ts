import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TestCertificate {
  /** PEM private key. */
  key: string;
  /** PEM certificate; also the trust anchor clients need (it signs itself). */
  cert: string;
}

/**
 * A throwaway self-signed certificate for 127.0.0.1/localhost, made with the openssl CLI in a temp
 * directory that is removed again. MSAL and @azure/identity refuse http authorities, so fakes of
 * Entra ID (and ARM, which gets the bearer token) must speak TLS.
 */
export function createSelfSignedCertificate(): TestCertificate {
  const probe = spawnSync('openssl', ['version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      'The Sentinel/Entra ID fake serves HTTPS (MSAL accepts only https authorities) and creates its test certificate ' +
        'with the openssl CLI, which was not found on PATH. Install openssl (e.g. apt-get install openssl).',
    );
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'fake-sentinel-tls-'));
  try {
    const keyFile = path.join(dir, 'key.pem');
    const certFile = path.join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
        '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=127.0.0.1',
        '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
