import { createServer, request as httpRequest, type Server } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import express from 'express';
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopback, startMailCapture, type MailCapture } from '../../dev/mail-capture';
import { freePort } from '../../common/free-port';

let capture: MailCapture;
beforeAll(async () => {
  capture = await startMailCapture({ port: await freePort() });
});
afterAll(() => capture?.stop());

/** Where a server listens: a host (undefined: every interface) or a Unix socket. */
type Listen = { host?: string } | { path: string };

/** /dev/mail served on `where`, asked from `from` (the server's own address when not given). */
async function askMail(where: Listen, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  // trust proxy on, as behind a proxy: /dev/mail must still judge the socket, not req.ip.
  const app = express().set('trust proxy', true).use(capture.router);
  const server = await new Promise<Server>((resolve) => {
    const s = createServer(app).listen('path' in where ? { path: where.path } : { port: 0, host: where.host }, () => resolve(s));
  });
  try {
    const address = server.address();
    const target = 'path' in where ? { socketPath: where.path } : { host: where.host ?? '127.0.0.1', port: (address as { port: number }).port };
    return await new Promise((resolve, reject) => {
      httpRequest({ ...target, path: '/dev/mail', headers: { accept: 'application/json', ...headers } }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk)).on('end', () => resolve({ status: res.statusCode!, body }));
      })
        .on('error', reject)
        .end();
    });
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

it('keeps what is sent over SMTP and shows it at /dev/mail', async () => {
  const transport = createTransport(capture.smtpUrl);
  await transport.sendMail({ from: 'Roster <roster@localhost>', to: 'hr@acme.example', subject: 'Sync summary — Acme', text: 'Created 3, updated 2.', attachments: [{ filename: 'errors.csv', content: 'hrisId,reason\n42,missing_identity_key\n' }] });
  const mail = await capture.waitFor((m) => m.subject === 'Sync summary — Acme');
  expect(mail).toMatchObject({ from: 'roster@localhost', to: ['hr@acme.example'], text: expect.stringContaining('Created 3') });
  expect(mail.attachments[0]).toMatchObject({ filename: 'errors.csv', content: expect.stringContaining('missing_identity_key') });

  const app = express().use(capture.router);
  const server = app.listen(0, '127.0.0.1');
  try {
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as { port: number };
    const json = (await (await fetch(`http://127.0.0.1:${port}/dev/mail`)).json()) as { messages: { subject: string }[] };
    expect(json.messages[0]?.subject).toBe('Sync summary — Acme');
    const html = await (await fetch(`http://127.0.0.1:${port}/dev/mail`, { headers: { accept: 'text/html' } })).text();
    expect(html).toContain('Sync summary — Acme');
  } finally {
    server.close();
  }
});

describe('/dev/mail holds live authorization links, so it answers only this machine', () => {
  /** An address of this machine that is not loopback: a client there is a client on the network. */
  const outward = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && !a.internal && a.family === 'IPv4')?.address;

  it(`refuses a client that is not on loopback, whatever X-Forwarded-For says (${outward ? `over ${outward}` : 'over a Unix socket: this machine has no other IPv4 address'})`, async () => {
    // Without an outward address, a Unix socket is still a real peer with no loopback address (a local proxy, say).
    const where: Listen = outward ? { host: outward } : { path: join(tmpdir(), `mail-${randomUUID()}.sock`) };
    const answer = await askMail(where, { 'x-forwarded-for': '127.0.0.1' });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toEqual({ error: { code: 'forbidden', message: expect.stringContaining('answers only on this machine') } });
    expect(answer.body).not.toContain('Sync summary');
  });

  it('answers loopback clients, also in the IPv4-mapped form a dual-stack listener sees', async () => {
    expect((await askMail({ host: '127.0.0.1' }, { 'x-forwarded-for': '203.0.113.7' })).status).toBe(200);
    // Listening on every interface, a client on 127.0.0.1 arrives as ::ffff:127.0.0.1 where IPv6 is on.
    expect((await askMail({})).status).toBe(200);
  });

  it.each([
    ['127.0.0.1', true],
    ['127.45.0.9', true],
    ['::1', true],
    ['0:0:0:0:0:0:0:1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['::ffff:192.0.2.10', false],
    ['192.0.2.10', false],
    ['10.0.0.1', false],
    ['0.0.0.0', false],
    ['::', false],
    ['fe80::1', false],
    ['localhost', false],
    [undefined, false],
  ])('counts %s as loopback: %s', (address, expected) => {
    expect(isLoopback(address)).toBe(expected);
  });
});
