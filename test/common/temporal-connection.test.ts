// Roster reaching a Temporal that asks for TLS and a client certificate (as Temporal Cloud's mTLS
// namespaces do), configured by Temporal's own environment variables: a TLS front that demands a
// certificate from the test CA stands before the real dev server.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:tls';
import { NativeConnection } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EnvError, loadEnv, workerEnvSchema } from '../../common/env';
import { createKeyring } from '../../common/secrets';
import { connectClient, temporalSettings } from '../../common/temporal';
import { testCertificates } from '../support/tls-certificates';

const dir = mkdtempSync(join(tmpdir(), 'roster-tls-'));
const certificates = testCertificates();
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const paths = { ca: file('ca.pem', certificates.ca.cert), cert: file('client.pem', certificates.client.cert), key: file('client.key', certificates.client.key) };

/** A worker's environment, Temporal's part as given. */
const workerEnv = (temporal: Record<string, string>) =>
  loadEnv(workerEnvSchema, {
    DATABASE_URL: 'postgres://roster:secret@localhost:5432/roster',
    ROSTER_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    SMTP_URL: 'smtp://localhost:2525',
    ROSTER_MAIL_FROM: 'Roster <roster@test.example>',
    ROSTER_PUBLIC_URL: 'https://roster.test',
    ...temporal,
  });

let front: Server;
let address: string;
const authorizedConnections: boolean[] = [];

beforeAll(async () => {
  const [host, port] = inject('temporalAddress').split(':') as [string, string];
  front = createServer({ ...certificates.server, ca: certificates.ca.cert, requestCert: true, rejectUnauthorized: true, ALPNProtocols: ['h2'] }, (socket) => {
    authorizedConnections.push(socket.authorized);
    const server = connect(Number(port), host);
    socket.pipe(server).pipe(socket);
    socket.on('error', () => server.destroy());
    server.on('error', () => socket.destroy());
  });
  front.on('tlsClientError', () => authorizedConnections.push(false));
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  address = `localhost:${(front.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => front.close(() => resolve())));

describe('a Temporal behind mTLS', () => {
  it('is reached by the API client and the worker with TEMPORAL_TLS_SERVER_CA_CERT_PATH and the client certificate and key', async () => {
    const settings = temporalSettings(workerEnv({ TEMPORAL_ADDRESS: address, TEMPORAL_TLS_SERVER_CA_CERT_PATH: paths.ca, TEMPORAL_TLS_CLIENT_CERT_PATH: paths.cert, TEMPORAL_TLS_CLIENT_KEY_PATH: paths.key }));
    const client = await connectClient(settings, createKeyring(randomBytes(32).toString('base64')));
    const described = await client.workflowService.describeNamespace({ namespace: 'default' });
    expect(described.namespaceInfo?.name).toBe('default');
    await client.connection.close();

    const native = await NativeConnection.connect(settings);
    expect((await native.workflowService.getSystemInfo({})).serverVersion).toBeTruthy();
    await native.close();
    expect(authorizedConnections.length).toBeGreaterThanOrEqual(2);
    expect(authorizedConnections.every(Boolean)).toBe(true);
  });

  it('is refused without the client certificate', async () => {
    const settings = temporalSettings(workerEnv({ TEMPORAL_ADDRESS: address, TEMPORAL_TLS_SERVER_CA_CERT_PATH: paths.ca }));
    await expect(connectClient(settings, createKeyring(randomBytes(32).toString('base64')))).rejects.toThrow();
    expect(authorizedConnections.at(-1)).toBe(false);
  });
});

describe('the connection settings, checked at start', () => {
  it('names a TLS file the process cannot read, in one line', () => {
    expect(() => workerEnv({ TEMPORAL_TLS_CLIENT_CERT_PATH: join(dir, 'missing.pem'), TEMPORAL_TLS_CLIENT_KEY_PATH: paths.key })).toThrow(
      new EnvError('Invalid environment: TEMPORAL_TLS_CLIENT_CERT_PATH must be the path of a file this process can read'),
    );
  });

  it('refuses a client certificate without its key', () => {
    expect(() => temporalSettings(workerEnv({ TEMPORAL_TLS_CLIENT_CERT_PATH: paths.cert }))).toThrow(/TEMPORAL_TLS_CLIENT_CERT_PATH and TEMPORAL_TLS_CLIENT_KEY_PATH go together/);
  });

  it('turns TLS on for an API key (Temporal Cloud), and leaves a plain server plain', () => {
    expect(temporalSettings(workerEnv({ TEMPORAL_ADDRESS: 'roster.a2b3c.tmprl.cloud:7233', TEMPORAL_NAMESPACE: 'roster.a2b3c', TEMPORAL_API_KEY: 'key-from-the-cloud-console' }))).toEqual({
      address: 'roster.a2b3c.tmprl.cloud:7233',
      namespace: 'roster.a2b3c',
      tls: true,
      apiKey: 'key-from-the-cloud-console',
    });
    expect(temporalSettings(workerEnv({}))).toEqual({ address: 'localhost:7233', namespace: 'default', tls: undefined, apiKey: undefined });
  });

  it('reads TEMPORAL_TLS=false as no TLS even with an API key', () => {
    expect(temporalSettings(workerEnv({ TEMPORAL_API_KEY: 'k', TEMPORAL_TLS: 'false' })).tls).toBe(false);
  });
});
