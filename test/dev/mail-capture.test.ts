import express from 'express';
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMailCapture, type MailCapture } from '../../dev/mail-capture';
import { freePort } from '../../dev/free-port';

let capture: MailCapture;
beforeAll(async () => {
  capture = await startMailCapture({ port: await freePort() });
});
afterAll(() => capture?.stop());

it('keeps what is sent over SMTP and shows it at /dev/mail', async () => {
  const transport = createTransport(capture.smtpUrl);
  await transport.sendMail({ from: 'Roster <roster@localhost>', to: 'hr@acme.example', subject: 'Sync summary — Acme', text: 'Created 3, updated 2.', attachments: [{ filename: 'errors.csv', content: 'hrisId,reason\n42,missing_identity_key\n' }] });
  const mail = await capture.waitFor((m) => m.subject === 'Sync summary — Acme');
  expect(mail).toMatchObject({ from: 'roster@localhost', to: ['hr@acme.example'], text: expect.stringContaining('Created 3') });
  expect(mail.attachments[0]).toMatchObject({ filename: 'errors.csv', content: expect.stringContaining('missing_identity_key') });

  const app = express().use(capture.router);
  const server = app.listen(0);
  try {
    const { port } = server.address() as { port: number };
    const json = (await (await fetch(`http://127.0.0.1:${port}/dev/mail`)).json()) as { messages: { subject: string }[] };
    expect(json.messages[0]?.subject).toBe('Sync summary — Acme');
    const html = await (await fetch(`http://127.0.0.1:${port}/dev/mail`, { headers: { accept: 'text/html' } })).text();
    expect(html).toContain('Sync summary — Acme');
  } finally {
    server.close();
  }
});
