// The secret store: HRIS keys, platform tokens and authorization-link tokens waiting to be
// e-mailed, encrypted at rest with AES-256-GCM. Each sealed value is bound, as associated data,
// to the tenant and kind it belongs to and to its own id: copied to another tenant, kind or row,
// it no longer opens. Each names the id of the key that sealed it, so keys can be rotated
// (rotate(), `npm run keys -- rotate`). Workflows only ever see a secret's id (its reference).
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

const VERSION = 'v2';
/** Sealed before values were bound to their tenant and kind (associated data: the id alone). */
const UNBOUND_VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
/** GCM's full tag: a shorter one would make forging a ciphertext far cheaper. */
const TAG_BYTES = 16;

const corrupted = (why: string) => new UnfixableError('secret_missing', `Unreadable secret: ${why}; it cannot be used, and must be entered again.`);

/** `v2.<keyId>.<iv>.<tag>.<ciphertext>`; `context` is bound as associated data. */
export function seal(keyring: Keyring, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, keyring.keys.get(keyring.currentId)!, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, keyring.currentId, iv, cipher.getAuthTag(), body]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** Opens what `seal` made with the same context. */
export function open(keyring: Keyring, sealed: string, context: string): string {
  if (sealed.startsWith(`${UNBOUND_VERSION}.`)) {
    throw new Error('Unreadable secret: sealed by an earlier version of Roster; run `npm run keys -- rotate` to re-seal it');
  }
  return decrypt(keyring, sealed, context);
}

function decrypt(keyring: Keyring, sealed: string, context: string): string {
  const [version, id, iv, tag, body, extra] = sealed.split('.');
  if ((version !== VERSION && version !== UNBOUND_VERSION) || !id || iv === undefined || tag === undefined || body === undefined || extra !== undefined) {
    throw corrupted('unknown format');
  }
  const key = keyring.keys.get(id);
  if (!key) throw new Error(`Unreadable secret: sealed with key ${id}, which is not configured`);
  const tagBytes = Buffer.from(tag, 'base64url');
  if (tagBytes.length !== TAG_BYTES) throw corrupted(`its authentication tag is ${tagBytes.length} bytes, not ${TAG_BYTES}`);
  const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(tagBytes);
  try {
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw corrupted('it was altered, or copied from another tenant, kind or secret');
  }
}

export type SecretKind = 'platform_token' | 'hris_key' | 'link_token' | 'webhook_secret';

interface SecretRow {
  id: string;
  tenant_id: string;
  kind: SecretKind;
  sealed: string;
}

/** What a secret is bound to: the tenant and kind it belongs to, and its own id. */
const boundTo = (tenantId: string, kind: SecretKind, id: string) => JSON.stringify([tenantId, kind, id]);

/** What a rotation did, and what it left: secrets still sealed with other keys, by key id, and those it found corrupted. */
export interface Rotation {
  resealed: number;
  currentId: string;
  left: { keyId: string; secrets: number }[];
  corrupted: string[];
}

const ROTATION_BATCH = 200;

export class SecretStore {
  constructor(
    private readonly db: Db,
    readonly keyring: Keyring,
  ) {}

  /** Stores a secret and returns its reference; `trx` lets it join the caller's transaction. */
  async put(tenantId: string, kind: SecretKind, plaintext: string, trx: Db = this.db): Promise<string> {
    const id = randomUUID();
    await trx('secrets').insert({ id, tenant_id: tenantId, kind, key_id: this.keyring.currentId, sealed: seal(this.keyring, plaintext, boundTo(tenantId, kind, id)) });
    return id;
  }

  /** The tenant's secret of this kind; refused when it is gone or belongs to another tenant or kind. */
  async get(tenantId: string, kind: SecretKind, ref: string): Promise<string> {
    const plaintext = await this.find(tenantId, kind, ref);
    if (plaintext === undefined) throw new UnfixableError('secret_missing', `Secret ${ref} does not exist: it was destroyed (a newer key, a revoke, offboarding).`);
    return plaintext;
  }

  /** The secret, or undefined once it has been deleted; refused when it belongs to another tenant or kind. */
  async find(tenantId: string, kind: SecretKind, ref: string): Promise<string | undefined> {
    const row: SecretRow | undefined = await this.db('secrets').where({ id: ref }).first('id', 'tenant_id', 'kind', 'sealed');
    if (!row) return undefined;
    if (row.tenant_id !== tenantId || row.kind !== kind) throw new UnfixableError('secret_missing', `Secret ${ref} is not a ${kind} of tenant ${tenantId}: refused.`);
    return open(this.keyring, row.sealed, boundTo(tenantId, kind, ref));
  }

  /** Forgets a secret for good (a link token once e-mailed, a key that was never used). */
  async delete(ref: string, trx: Db = this.db): Promise<void> {
    await trx('secrets').where({ id: ref }).delete();
  }

  /**
   * Re-seals every secret not yet sealed with the current key in the current format, in id
   * order, each by one conditional update: a crash loses nothing, and running again carries on
   * where it stopped. A secret it cannot open (its key is not configured, or it is corrupted)
   * is left as it was.
   */
  async rotate(): Promise<Rotation> {
    const { currentId } = this.keyring;
    const stale = () => this.db('secrets').where((q) => q.whereNot({ key_id: currentId }).orWhereNot('sealed', 'like', `${VERSION}.%`));
    const corrupted: string[] = [];
    let resealed = 0;
    let after: string | undefined;
    for (;;) {
      const batch = stale().orderBy('id').limit(ROTATION_BATCH);
      if (after !== undefined) batch.andWhere('id', '>', after);
      const rows: SecretRow[] = await batch.select('id', 'tenant_id', 'kind', 'sealed');
      for (const row of rows) {
        const plaintext = this.openForRotation(row, corrupted);
        if (plaintext === undefined) continue;
        const sealed = seal(this.keyring, plaintext, boundTo(row.tenant_id, row.kind, row.id));
        // Only if nobody changed or deleted it meanwhile.
        resealed += await this.db('secrets').where({ id: row.id, sealed: row.sealed }).update({ sealed, key_id: currentId });
      }
      if (rows.length < ROTATION_BATCH) break;
      after = rows.at(-1)!.id;
    }
    const left: { key_id: string; n: string }[] = await stale().groupBy('key_id').orderBy('key_id').select('key_id').count({ n: '*' });
    return { resealed, currentId, left: left.map((row) => ({ keyId: row.key_id, secrets: Number(row.n) })), corrupted };
  }

  /** The plaintext; undefined when its key is not configured, or when it is corrupted (then its id goes into `corrupted`). */
  private openForRotation(row: SecretRow, corrupted: string[]): string | undefined {
    if (!this.keyring.keys.has(row.sealed.split('.')[1] ?? '')) return undefined;
    // An unbound value was sealed with its id alone as associated data.
    const context = row.sealed.startsWith(`${UNBOUND_VERSION}.`) ? row.id : boundTo(row.tenant_id, row.kind, row.id);
    try {
      return decrypt(this.keyring, row.sealed, context);
    } catch {
      corrupted.push(row.id);
      return undefined;
    }
  }
}
