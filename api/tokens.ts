// API tokens: random, shown once, stored as a SHA-256 hash (they carry 256 bits of entropy, so a
// slow hash adds nothing).
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Db } from '../common/db';

export const roles = ['viewer', 'support', 'admin'] as const;
export type Role = (typeof roles)[number];

export interface Caller {
  name: string;
  role: Role;
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export async function createToken(db: Db, name: string, role: Role): Promise<string> {
  const token = `rst_${randomBytes(32).toString('base64url')}`;
  await db('api_tokens').insert({ id: randomUUID(), name, role, token_hash: hashToken(token) });
  return token;
}

export async function revokeToken(db: Db, name: string): Promise<boolean> {
  return (await db('api_tokens').where({ name }).whereNull('revoked_at').update({ revoked_at: db.fn.now() })) > 0;
}

/** A token as it may be shown: never its hash. */
export interface TokenRow {
  name: string;
  role: Role;
  created_at: Date;
  revoked_at: Date | null;
}

const shown = ['name', 'role', 'created_at', 'revoked_at'] as const;

export async function listTokens(db: Db): Promise<TokenRow[]> {
  return db('api_tokens').orderBy('created_at').select(...shown);
}

export async function findToken(db: Db, name: string): Promise<TokenRow | undefined> {
  return db('api_tokens').where({ name }).first(...shown);
}

const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));

export async function identify(db: Db, token: string, adminToken: string | undefined): Promise<Caller | undefined> {
  return identifyByHash(db, hashToken(token), adminToken);
}

/** The caller of a token known by its hash: a console session keeps the hash, never the token. */
export async function identifyByHash(db: Db, tokenHash: string, adminToken: string | undefined): Promise<Caller | undefined> {
  if (adminToken && sameHash(tokenHash, hashToken(adminToken))) return { name: 'admin-env', role: 'admin' };
  const row = await db('api_tokens').where({ token_hash: tokenHash }).whereNull('revoked_at').first('name', 'role');
  return row ? { name: row.name, role: row.role } : undefined;
}
