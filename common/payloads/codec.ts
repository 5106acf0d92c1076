// Every payload Roster hands to Temporal (inputs, results, signals, updates, queries, heartbeats,
// memos and failure messages) is sealed with AES-256-GCM before it leaves the process, so the
// Temporal server, its database and anyone who can open its UI see ciphertext. Each payload names
// the id of the key that sealed it; keys derive from ROSTER_ENCRYPTION_KEY (and the old keys kept
// for rotation), so an operator still manages one key.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';
import { derivedKeys } from '../derived-keys';
import type { Keyring } from '../secrets';

const { Payload: PayloadMessage } = proto.temporal.api.common.v1;

export const ENCRYPTED_ENCODING = 'binary/encrypted';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

const text = (value: string) => new TextEncoder().encode(value);
const readText = (bytes: Uint8Array | null | undefined) => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);

/** The payload keys by the id of the operator key each derives from, the current one named. */
export interface PayloadKeys {
  currentId: string;
  keys: Map<string, Buffer>;
}

export function payloadKeys(keyring: Keyring): PayloadKeys {
  const ids = [keyring.currentId, ...[...keyring.keys.keys()].filter((id) => id !== keyring.currentId)];
  const derived = derivedKeys(keyring, 'temporal payloads');
  return { currentId: keyring.currentId, keys: new Map(ids.map((id, i) => [id, derived[i]!])) };
}

/** A payload sealed with a key that is not configured (any more). */
export class PayloadKeyMissingError extends Error {}

/** The id of the key a payload was sealed with; undefined for a payload in clear. */
export const sealedWith = (payload: Payload | null | undefined): string | undefined =>
  readText(payload?.metadata?.encoding) === ENCRYPTED_ENCODING ? readText(payload?.metadata?.['encryption-key-id']) : undefined;

export class PayloadEncryptionCodec implements PayloadCodec {
  constructor(private readonly keys: PayloadKeys) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, this.keys.keys.get(this.keys.currentId)!, iv, { authTagLength: TAG_BYTES });
      const sealed = Buffer.concat([cipher.update(PayloadMessage.encode(payload).finish()), cipher.final()]);
      return {
        metadata: { encoding: text(ENCRYPTED_ENCODING), 'encryption-key-id': text(this.keys.currentId) },
        data: Buffer.concat([iv, sealed, cipher.getAuthTag()]),
      };
    });
  }

  /** Payloads written before encryption was turned on pass through as they are. */
  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      if (readText(payload.metadata?.encoding) !== ENCRYPTED_ENCODING) return payload;
      const id = readText(payload.metadata?.['encryption-key-id']);
      const key = id === undefined ? undefined : this.keys.keys.get(id);
      if (!key) throw new PayloadKeyMissingError(`A payload was encrypted with key ${id ?? '(none named)'}, which is not configured: add it to ROSTER_ENCRYPTION_OLD_KEYS`);
      const data = Buffer.from(payload.data ?? new Uint8Array());
      if (data.length < IV_BYTES + TAG_BYTES) throw new Error('An encrypted payload is too short to be one of Roster\'s');
      const decipher = createDecipheriv(ALGORITHM, key, data.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      const clear = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
      return PayloadMessage.decode(clear);
    });
  }
}
