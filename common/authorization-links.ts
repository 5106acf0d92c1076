// Authorization links: one-time, expiring URLs through which a tenant's HRIS admin hands over the
// API key. The token travels only in the URL (and once in an e-mail); Roster keeps its SHA-256,
// so a database reader cannot use a link. The API and the activities share these queries.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from './db';

/** The rejected keys after which a link is revoked: enough for typos, too few for guessing. */
export const MAX_REJECTED_KEYS = 5;

export type LinkStatus = 'active' | 'used' | 'revoked';
export type AttemptOutcome = 'verified' | 'rejected' | 'insufficient_scope' | 'hris_unavailable' | 'misconfigured' | 'gone';

export interface LinkRow {
  id: string;
  tenant_id: string;
  token_hash: string;
  created_by: string;
  created_at: Date;
  expires_at: Date;
  status: LinkStatus;
  status_reason: string | null;
  status_at: Date | null;
  rejected_attempts: number;
  /** Tries reserved whose key the HR system is still checking (reserveTry). */
  tries_in_flight: number;
}

/** 32 random bytes, base64url: the last segment of the link's URL. */
export const newLinkToken = (): string => randomBytes(32).toString('base64url');

/** The token is the last path segment: no query or fragment, which tools tend to log or drop. */
export const linkUrl = (publicUrl: string, token: string): string => `${publicUrl.replace(/\/+$/, '')}/authorize/${token}`;

export const hashLinkToken = (token: string): string => createHash('sha256').update(token).digest('base64url');

const tokenShape = /^[A-Za-z0-9_-]{43}$/;

export async function findLinkByToken(db: Db, token: string): Promise<LinkRow | undefined> {
  if (!tokenShape.test(token)) return undefined;
  return db('authorization_links').where({ token_hash: hashLinkToken(token) }).first();
}

/** Why a link can no longer take a key, or undefined while it can. */
export function whyGone(link: LinkRow, now: Date): 'used' | 'revoked' | 'expired' | 'no_tries_left' | undefined {
  if (link.status !== 'active') return link.status;
  if (link.expires_at <= now) return 'expired';
  return link.rejected_attempts + link.tries_in_flight >= MAX_REJECTED_KEYS ? 'no_tries_left' : undefined;
}

/**
 * Reserves one of the link's tries before its key is checked, in one conditional statement: with
 * the keys already rejected and those still being checked, at most MAX_REJECTED_KEYS reach the HR
 * system, however many arrive at once. False when the link has no try left (or stopped taking keys).
 */
export async function reserveTry(db: Db, linkId: string, at: Date): Promise<boolean> {
  const [reserved] = await db('authorization_links')
    .where({ id: linkId, status: 'active' })
    .andWhere('expires_at', '>', at)
    .andWhereRaw('rejected_attempts + tries_in_flight < ?', [MAX_REJECTED_KEYS])
    .update({ tries_in_flight: db.raw('tries_in_flight + 1') })
    .returning('id');
  return reserved !== undefined;
}

/**
 * Ends a reserved try, changing the link as `change` says of it as it is now (locked, so that
 * concurrent ends see each other). The change is undefined when it no longer applies.
 */
async function endTry(db: Db, linkId: string, change: (link: LinkRow) => Partial<LinkRow> | undefined): Promise<{ link: LinkRow; changed: boolean }> {
  return db.transaction(async (trx) => {
    const link: LinkRow = await trx('authorization_links').where({ id: linkId }).forUpdate().first();
    const changes = change(link);
    const [ended] = await trx('authorization_links')
      .where({ id: linkId })
      .update({ ...changes, tries_in_flight: link.tries_in_flight - 1 })
      .returning('*');
    return { link: ended, changed: changes !== undefined };
  });
}

/** Gives a try back: its key was never judged (the HR system could not answer, or its settings do not work). */
export async function releaseTry(db: Db, linkId: string): Promise<void> {
  await endTry(db, linkId, () => ({}));
}

/** Uses the link up with a verified key's try; false when another request (or time) got there first. */
export async function claimLink(db: Db, linkId: string, at: Date): Promise<boolean> {
  const { changed } = await endTry(db, linkId, (link) => (link.status === 'active' && link.expires_at > at ? { status: 'used', status_reason: 'verified', status_at: at } : undefined));
  return changed;
}

/** Gives a claim back when the key could not be handed to the workflow, so the link still works. */
export async function releaseClaim(db: Db, linkId: string): Promise<void> {
  await db('authorization_links').where({ id: linkId, status: 'used' }).update({ status: 'active', status_reason: null, status_at: null });
}

/**
 * Counts a rejected key's try and revokes the link at the limit. Undefined when the link stopped
 * being active meanwhile (used by another try, replaced, revoked).
 */
export async function countRejection(db: Db, linkId: string, at: Date): Promise<{ rejected: number; revoked: boolean } | undefined> {
  const { link, changed } = await endTry(db, linkId, (link) => {
    if (link.status !== 'active') return undefined;
    const rejected = link.rejected_attempts + 1;
    return rejected >= MAX_REJECTED_KEYS ? { rejected_attempts: rejected, status: 'revoked', status_reason: 'too_many_rejected_keys', status_at: at } : { rejected_attempts: rejected };
  });
  return changed ? { rejected: link.rejected_attempts, revoked: link.status === 'revoked' } : undefined;
}

/** Revokes the tenant's active links, except `keep`; only those created by `createdUpTo` when given. */
export async function revokeLinks(db: Db, { tenantId, reason, at, keep, createdUpTo }: { tenantId: string; reason: string; at: string; keep?: string; createdUpTo?: string }): Promise<number> {
  const query = db('authorization_links').where({ tenant_id: tenantId, status: 'active' });
  if (keep) query.whereNot({ id: keep });
  if (createdUpTo) query.andWhere('created_at', '<=', createdUpTo);
  return query.update({ status: 'revoked', status_reason: reason, status_at: at });
}

export async function recordAttempt(db: Db, attempt: { linkId: string; tenantId: string; at: Date; sourceAddress?: string; outcome: AttemptOutcome }): Promise<void> {
  await db('authorization_attempts').insert({
    id: randomUUID(),
    link_id: attempt.linkId,
    tenant_id: attempt.tenantId,
    at: attempt.at,
    source_address: attempt.sourceAddress ?? null,
    outcome: attempt.outcome,
  });
}
