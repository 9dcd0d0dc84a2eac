import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { generate } from 'selfsigned';

export interface TestPki {
  /** The test CA's certificate (PEM): what clients are told to trust. */
  caPem: string;
  /** caPem written to a file, for NODE_EXTRA_CA_CERTS. */
  caFile: string;
  /** The loopback server's certificate, signed by the CA, and its key. */
  certPem: string;
  keyPem: string;
}

const day = 24 * 60 * 60 * 1000;

/**
 * A throwaway CA and a server certificate for 127.0.0.1 and localhost, made at test time so the
 * client verifies TLS for real against a chain nobody else trusts (nothing is committed, nothing is
 * disabled). EC keys keep generation in the milliseconds.
 */
export async function createTestPki(dir: string): Promise<TestPki> {
  const notBeforeDate = new Date(Date.now() - day);
  const notAfterDate = new Date(Date.now() + 2 * day);
  const ca = await generate([{ name: 'commonName', value: 'egress-audit test CA' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const server = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  const caFile = path.join(dir, 'test-ca.pem');
  writeFileSync(caFile, ca.cert);
  return { caPem: ca.cert, caFile, certPem: server.cert, keyPem: server.private };
}
