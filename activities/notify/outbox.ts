// The durable outbox: a run, a transition or an API answer only queues mail (a quick insert);
// delivery happens apart and is retried until the SMTP server takes each message. Neither
// queuing nor delivery logs an address, a name or a body: only ids, kinds and SMTP codes.
import { createHash } from 'node:crypto';
import type { NodemailerError } from 'nodemailer';
import type { Db } from '../../common/db';
import { loggerFor } from '../../common/logger';
import type { SecretStore } from '../../common/secrets';
import { forgetLinkToken, withLinkToken } from './link-slot';
import type { MailAttachment, Mailer, OutgoingMail } from './mailer';

const log = loggerFor('mail');

export type MailKind = 'run_summary' | 'record_errors' | 'held_run' | 'welcome' | 'authorization_link' | 'tenant_problem' | 'health_digest';

export interface QueuedMail extends OutgoingMail {
  tenantId: string;
  syncId?: string;
  kind: MailKind;
  /** What makes the mail unique for its run and kind (a recipient, a person, a hold). */
  key: string;
  /** An authorization link's sealed token: the text holds LINK_TOKEN_SLOT in its place (link-slot.ts). */
  linkTokenRef?: string;
}

interface OutboxRow {
  id: string;
  tenant_id: string;
  kind: MailKind;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  attachments: MailAttachment[] | null;
  link_token_ref: string | null;
  attempts: number;
}

export interface Deliverer {
  db: Db;
  mailer: Mailer;
  /** Where a link mail's token waits, sealed, until the mail is sent. */
  secrets: SecretStore;
}

/** A UUID derived from what the mail is about, so a retried activity queues nothing new. */
export function mailId(parts: readonly string[]): string {
  const hex = createHash('sha256').update(JSON.stringify(parts)).digest('hex');
  // Version 8 (RFC 9562, "custom") and the RFC variant bits, so it is a well-formed UUID.
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Addresses once each (compared case-insensitively), blanks dropped. */
export function recipients(...lists: (readonly string[] | string | undefined)[]): string[] {
  const seen = new Map<string, string>();
  for (const address of lists.flat()) {
    const trimmed = address?.trim();
    if (trimmed && !seen.has(trimmed.toLowerCase())) seen.set(trimmed.toLowerCase(), trimmed);
  }
  return [...seen.values()];
}

/** Queues each mail once, whatever the retries; returns how many were new. */
export async function queueMails(db: Db, mails: readonly QueuedMail[]): Promise<number> {
  let queued = 0;
  // Chunks keep one statement's size bounded (an initial load can welcome thousands).
  for (let start = 0; start < mails.length; start += 500) {
    const rows = mails.slice(start, start + 500).map((mail) => ({
      id: mailId([mail.tenantId, mail.syncId ?? '', mail.kind, mail.key]),
      tenant_id: mail.tenantId,
      sync_id: mail.syncId ?? null,
      kind: mail.kind,
      to: JSON.stringify(mail.to),
      subject: mail.subject,
      text: mail.text,
      html: mail.html ?? null,
      attachments: mail.attachments ? JSON.stringify(mail.attachments) : null,
      link_token_ref: mail.linkTokenRef ?? null,
    }));
    const inserted = await db('mail_outbox').insert(rows).onConflict('id').ignore().returning('id');
    queued += inserted.length;
  }
  return queued;
}

interface Failure {
  /** SMTP code, reply code and command: enough to act on, and never the address. */
  summary: string;
  /** The server refused this message or recipient for good: retrying would get the same answer. */
  permanent: boolean;
  /** No SMTP reply at all (or "closing"): the server is out of reach, so the rest of the batch waits. */
  unreachable: boolean;
}

function describeFailure(error: unknown): Failure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as NodemailerError;
  // A command is logged as its verb only ("RCPT TO"), even if a future version adds the address.
  const command = e.command?.replace(/[:<].*$/, '').trim();
  const summary = [e.code, e.originalCode, e.responseCode, command].filter((part) => part !== undefined && part !== '').join(' ') || 'unknown failure';
  const permanent = e.permanent === true && (command === 'RCPT TO' || command === 'DATA');
  return { summary, permanent, unreachable: e.responseCode === undefined || e.responseCode === 421 };
}

/** A mail this call could not send: its id, kind, SMTP answer, tries so far, and whether it was given up. */
export interface UnsentMail {
  id: string;
  kind: MailKind;
  summary: string;
  attempts: number;
  givenUp: boolean;
}

/** What one delivery did, mail by mail, for tenant health (activities/health/mail.ts). */
export interface DeliveryOutcomes {
  /** The kinds of the mails sent. */
  sentKinds: MailKind[];
  unsent: UnsentMail[];
}

/**
 * Sends the tenant's pending mail, oldest and least-tried first, each in its own short
 * transaction (SKIP LOCKED: two deliverers never send the same row). `failed` counts this
 * call's failures; the calling activity retries while it is above zero. `outcomes`, when given,
 * is told each mail's.
 */
export async function deliverPending(
  { db, mailer, secrets }: Deliverer,
  { tenantId, limit = 100, outcomes = { sentKinds: [], unsent: [] } }: { tenantId: string; limit?: number; outcomes?: DeliveryOutcomes },
): Promise<{ sent: number; failed: number }> {
  const tried: string[] = [];
  const { sentKinds, unsent } = outcomes;
  let [sent, failed] = [0, 0];
  while (tried.length < limit) {
    const outcome = await db.transaction(async (trx) => {
      const row: OutboxRow | undefined = await trx('mail_outbox')
        .where({ tenant_id: tenantId, status: 'pending' })
        .whereNotIn('id', tried)
        .orderBy([{ column: 'attempts' }, { column: 'created_at' }])
        .forUpdate()
        .skipLocked()
        .first();
      if (!row) return undefined;
      tried.push(row.id);
      const queued = { to: row.to, subject: row.subject, text: row.text, html: row.html ?? undefined, attachments: row.attachments ?? undefined };
      const mail = row.link_token_ref === null ? queued : await withLinkToken(secrets, tenantId, row.link_token_ref, queued);
      if (!mail) {
        // The link's token was destroyed (a newer link, offboarding): there is nothing left to send.
        await trx('mail_outbox').where({ id: row.id }).update({ status: 'failed', attempts: row.attempts + 1, last_error: 'link token gone', link_token_ref: null });
        log.warn('mail not delivered', { tenantId, mailId: row.id, kind: row.kind, error: 'link token gone', permanent: true });
        unsent.push({ id: row.id, kind: row.kind, summary: 'link token gone', attempts: row.attempts + 1, givenUp: true });
        return { ok: false as const, unreachable: false };
      }
      try {
        await mailer.send(mail);
        // The file stays downloadable from the run: the outbox need not keep its copy.
        const forgotten = await forgetLinkToken(secrets, trx, row.link_token_ref);
        await trx('mail_outbox').where({ id: row.id }).update({ status: 'sent', sent_at: new Date(), attempts: row.attempts + 1, last_error: null, attachments: null, ...forgotten });
        sentKinds.push(row.kind);
        return { ok: true as const };
      } catch (error) {
        const failure = describeFailure(error);
        const forgotten = failure.permanent ? await forgetLinkToken(secrets, trx, row.link_token_ref) : {};
        await trx('mail_outbox')
          .where({ id: row.id })
          .update({ status: failure.permanent ? 'failed' : 'pending', attempts: row.attempts + 1, last_error: failure.summary, ...forgotten });
        log.warn('mail not delivered', { tenantId, mailId: row.id, kind: row.kind, attempt: row.attempts + 1, error: failure.summary, permanent: failure.permanent });
        unsent.push({ id: row.id, kind: row.kind, summary: failure.summary, attempts: row.attempts + 1, givenUp: failure.permanent });
        return { ok: false as const, unreachable: failure.unreachable };
      }
    });
    if (!outcome) break;
    if (outcome.ok) sent += 1;
    else failed += 1;
    if (!outcome.ok && outcome.unreachable) break;
  }
  if (sent + failed > 0) log.info('mail delivery', { tenantId, sent, failed });
  return { sent, failed };
}
