// An SMTP server that keeps what Roster sends, for the embedded default (`/dev/mail`) and tests.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import { Router } from 'express';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  id: string;
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  attachments: { filename?: string; contentType: string; size: number; content: string }[];
}

export interface MailCapture {
  smtpUrl: string;
  messages: CapturedMail[];
  router: Router;
  /** Resolves with the first message (already here or yet to come) that matches. */
  waitFor(match: (mail: CapturedMail) => boolean, timeoutMs?: number): Promise<CapturedMail>;
  stop(): Promise<void>;
}

const addresses = (field: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((a) => a.value.map((v) => v.address ?? '')).filter(Boolean);

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** A loopback address, in any of its forms (127.0.0.0/8, ::1, ::ffff:127.x.x.x). */
export function isLoopback(address: string | undefined): boolean {
  const family = isIP(address ?? '');
  return family !== 0 && loopback.check(address!, family === 4 ? 'ipv4' : 'ipv6');
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startMailCapture({ port, file }: { port: number; file?: string }): Promise<MailCapture> {
  const messages: CapturedMail[] = file && existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line)) : [];
  const waiters = new Set<(mail: CapturedMail) => void>();

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const mail: CapturedMail = {
            id: randomUUID(),
            receivedAt: new Date().toISOString(),
            from: addresses(parsed.from)[0] ?? '',
            to: addresses(parsed.to),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            attachments: parsed.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.size, content: a.content.toString('utf8') })),
          };
          messages.push(mail);
          if (file) appendFileSync(file, JSON.stringify(mail) + '\n');
          for (const notify of waiters) notify(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;

  const router = Router();
  router.get('/dev/mail', (req, res) => {
    // The mail holds live authorization links: only this machine may read it. The socket's own
    // peer decides, never X-Forwarded-For, which any client can write.
    if (!isLoopback(req.socket.remoteAddress)) {
      res.status(403).json({ error: { code: 'forbidden', message: '/dev/mail shows the mail Roster sent, live authorization links included, so it answers only on this machine: open it from there (http://localhost).' } });
      return;
    }
    const newestFirst = [...messages].reverse();
    if (req.accepts(['json', 'html']) === 'html') {
      const rows = newestFirst
        .map((m) => `<article><h2>${escapeHtml(m.subject)}</h2><p>${escapeHtml(m.receivedAt)} — from ${escapeHtml(m.from)} to ${escapeHtml(m.to.join(', '))}</p><pre>${escapeHtml(m.text)}</pre>${m.attachments.map((a) => `<p>📎 ${escapeHtml(a.filename ?? 'attachment')} (${a.size} bytes)</p>`).join('')}</article>`)
        .join('<hr>');
      res.type('html').send(`<!doctype html><html lang="en"><meta charset="utf-8"><title>Roster — mail sent</title><body><h1>Mail Roster sent (${messages.length})</h1>${rows || '<p>Nothing yet.</p>'}</body></html>`);
      return;
    }
    res.json({ messages: newestFirst });
  });

  return {
    smtpUrl: `smtp://127.0.0.1:${boundPort}`,
    messages,
    router,
    waitFor(match, timeoutMs = 30_000) {
      const found = messages.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error('No matching e-mail arrived in time'));
        }, timeoutMs);
        const check = (mail: CapturedMail) => {
          if (!match(mail)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(mail);
        };
        waiters.add(check);
      });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
