// The secret store: HRIS keys, platform tokens and authorization-link tokens waiting to be
// e-mailed, encrypted at rest with AES-256-GCM.
// Each ciphertext names the id of the key that sealed it, so the key can be rotated: put the
// new key in ROSTER_ENCRYPTION_KEY and the old one in ROSTER_ENCRYPTION_OLD_KEYS until every
// secret has been re-sealed. Workflows only ever see a secret's id (its reference).
import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from './db';
import { decodeKey } from './env';
import { UnfixableError } from './unfixable';

export interface Keyring {
  currentId: string;
  keys: Map<string, Buffer>;
}

export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

export function createKeyring(current: string, old: string[] = []): Keyring {
  const keys = new Map<string, Buffer>();
  for (const text of [current, ...old].map((k) => k.trim()).filter(Boolean)) {
    const key = decodeKey(text);
    if (!key) throw new Error('An encryption key is not 32 bytes of base64 or hex');
    keys.set(keyId(key), key);
  }
  return { currentId: keyId(decodeKey(current.trim())!), keys };
}

const VERSION = 'v1';

/** `v1.<keyId>.<iv>.<tag>.<ciphertext>`; `context` is bound as associated data. */
export function seal(keyring: Keyring, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyring.keys.get(keyring.currentId)!, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, keyring.currentId, iv, cipher.getAuthTag(), body]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

export function open(keyring: Keyring, sealed: string, context: string): string {
  const [version, id, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || !id || iv === undefined || tag === undefined || body === undefined) {
    throw new Error('Unreadable secret: unknown format');
  }
  const key = keyring.keys.get(id);
  if (!key) throw new Error(`Unreadable secret: sealed with key ${id}, which is not configured`);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

export type SecretKind = 'platform_token' | 'hris_key' | 'link_token';

export class SecretStore {
  constructor(
    private readonly db: Db,
    private readonly keyring: Keyring,
  ) {}

  /** Stores a secret and returns its reference; `trx` lets it join the caller's transaction. */
  async put(tenantId: string, kind: SecretKind, plaintext: string, trx: Db = this.db): Promise<string> {
    const id = randomUUID();
    await trx('secrets').insert({ id, tenant_id: tenantId, kind, key_id: this.keyring.currentId, sealed: seal(this.keyring, plaintext, id) });
    return id;
  }

  async get(ref: string): Promise<string> {
    const plaintext = await this.find(ref);
    if (plaintext === undefined) throw new UnfixableError('secret_missing', `Secret ${ref} does not exist: it was destroyed (a newer key, a revoke, offboarding).`);
    return plaintext;
  }

  /** The secret, or undefined once it has been deleted. */
  async find(ref: string): Promise<string | undefined> {
    const row = await this.db('secrets').where({ id: ref }).first('sealed');
    return row ? open(this.keyring, row.sealed, ref) : undefined;
  }

  /** Forgets a secret for good (a link token once e-mailed, a key that was never used). */
  async delete(ref: string): Promise<void> {
    await this.db('secrets').where({ id: ref }).delete();
  }

  /** Re-seals every secret not sealed with the current key; returns how many it re-sealed. */
  async rotate(): Promise<number> {
    const rows = await this.db('secrets').whereNot({ key_id: this.keyring.currentId }).select('id', 'sealed');
    for (const row of rows) {
      const sealed = seal(this.keyring, open(this.keyring, row.sealed, row.id), row.id);
      await this.db('secrets').where({ id: row.id }).update({ sealed, key_id: this.keyring.currentId });
    }
    return rows.length;
  }
}
