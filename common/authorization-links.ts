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
export function whyGone(link: LinkRow, now: Date): 'used' | 'revoked' | 'expired' | undefined {
  if (link.status !== 'active') return link.status;
  return link.expires_at <= now ? 'expired' : undefined;
}

/** Uses the link up for a verified key; false when another request (or time) got there first. */
export async function claimLink(db: Db, linkId: string, at: Date): Promise<boolean> {
  const claimed = await db('authorization_links')
    .where({ id: linkId, status: 'active' })
    .andWhere('expires_at', '>', at)
    .update({ status: 'used', status_reason: 'verified', status_at: at });
  return claimed === 1;
}

/** Gives a claim back when the key could not be handed to the workflow, so the link still works. */
export async function releaseClaim(db: Db, linkId: string): Promise<void> {
  await db('authorization_links').where({ id: linkId, status: 'used' }).update({ status: 'active', status_reason: null, status_at: null });
}

/**
 * Counts a rejected key in one statement (concurrent tries cannot both be the 4th) and revokes
 * the link at the limit. Undefined when the link stopped being active meanwhile.
 */
export async function countRejection(db: Db, linkId: string, at: Date): Promise<{ rejected: number; revoked: boolean } | undefined> {
  // SET expressions all read the row as it was, so each sees the count before this rejection.
  const atLimit = `rejected_attempts + 1 >= ${MAX_REJECTED_KEYS}`;
  const [row] = await db('authorization_links')
    .where({ id: linkId, status: 'active' })
    .update({
      rejected_attempts: db.raw('rejected_attempts + 1'),
      status: db.raw(`case when ${atLimit} then 'revoked' else status end`),
      status_reason: db.raw(`case when ${atLimit} then 'too_many_rejected_keys' else status_reason end`),
      status_at: db.raw(`case when ${atLimit} then ?::timestamptz else status_at end`, [at]),
    })
    .returning(['rejected_attempts', 'status']);
  return row && { rejected: row.rejected_attempts, revoked: row.status === 'revoked' };
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
