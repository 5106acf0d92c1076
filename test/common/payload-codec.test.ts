// The payload codec (common/payloads/codec.ts): AES-256-GCM by key id, keys derived from the
// operator's encryption keys, so rotating ROSTER_ENCRYPTION_KEY rotates the payloads' key too.
import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { PayloadEncryptionCodec, payloadKeys } from '../../common/payloads/codec';
import { createKeyring } from '../../common/secrets';

const newKey = () => randomBytes(32).toString('base64');
const input = { tenantName: 'Initech Pty Ltd', contact: 'hr-admin@initech.example' };
const plain = () => defaultPayloadConverter.toPayload(input);
const text = (payload: Payload) => Buffer.from(payload.data!).toString('utf8') + JSON.stringify(payload.metadata);

describe('the payload codec', () => {
  it('seals a payload so nothing of it reads in clear, naming the key, and opens it again', async () => {
    const codec = new PayloadEncryptionCodec(payloadKeys(createKeyring(newKey())));
    const [sealed] = await codec.encode([plain()]);
    expect(Buffer.from(sealed!.metadata!.encoding!).toString()).toBe('binary/encrypted');
    expect(Buffer.from(sealed!.metadata!['encryption-key-id']!).toString()).toMatch(/^[0-9a-f]{12}$/);
    expect(text(sealed!)).not.toContain('Initech');
    expect(text(sealed!)).not.toContain('json/plain');
    const [opened] = await codec.decode([sealed!]);
    expect(defaultPayloadConverter.fromPayload(opened!)).toEqual(input);
  });

  it('seals the same payload differently each time (a fresh IV)', async () => {
    const codec = new PayloadEncryptionCodec(payloadKeys(createKeyring(newKey())));
    const [a, b] = await codec.encode([plain(), plain()]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
  });

  it('opens what an old key sealed once that key is among the old keys, and seals with the new one', async () => {
    const [oldKey, currentKey] = [newKey(), newKey()];
    const [sealedBefore] = await new PayloadEncryptionCodec(payloadKeys(createKeyring(oldKey))).encode([plain()]);
    const rotated = new PayloadEncryptionCodec(payloadKeys(createKeyring(currentKey, [oldKey])));
    expect(defaultPayloadConverter.fromPayload((await rotated.decode([sealedBefore!]))[0]!)).toEqual(input);
    const [sealedAfter] = await rotated.encode([plain()]);
    expect(sealedAfter!.metadata!['encryption-key-id']).not.toEqual(sealedBefore!.metadata!['encryption-key-id']);
  });

  it('says which key is missing when a payload was sealed with a key no longer configured', async () => {
    const [sealed] = await new PayloadEncryptionCodec(payloadKeys(createKeyring(newKey()))).encode([plain()]);
    const stranger = new PayloadEncryptionCodec(payloadKeys(createKeyring(newKey())));
    await expect(stranger.decode([sealed!])).rejects.toThrow(/encrypted with key [0-9a-f]{12}, which is not configured: add it to ROSTER_ENCRYPTION_OLD_KEYS/);
  });

  it('refuses a payload whose ciphertext was altered', async () => {
    const codec = new PayloadEncryptionCodec(payloadKeys(createKeyring(newKey())));
    const [sealed] = await codec.encode([plain()]);
    const data = Buffer.from(sealed!.data!);
    data[20] = data[20]! ^ 1;
    await expect(codec.decode([{ ...sealed!, data }])).rejects.toThrow(/authenticate/);
  });

  it('passes through payloads written before encryption, as histories in flight at a deploy hold them', async () => {
    const codec = new PayloadEncryptionCodec(payloadKeys(createKeyring(newKey())));
    expect(await codec.decode([plain()])).toEqual([plain()]);
  });
});
