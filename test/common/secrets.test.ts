import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createKeyring, keyId, open, seal } from '../../common/secrets';

const keyA = randomBytes(32).toString('base64');
const keyB = randomBytes(32).toString('hex');

describe('sealing secrets with AES-256-GCM', () => {
  it('round-trips and names the key that sealed it', () => {
    const keyring = createKeyring(keyA);
    const sealed = seal(keyring, 'hris-key-123', 'ref-1');
    expect(sealed).not.toContain('hris-key-123');
    expect(sealed.split('.')[1]).toBe(keyId(Buffer.from(keyA, 'base64')));
    expect(open(keyring, sealed, 'ref-1')).toBe('hris-key-123');
  });

  it('uses a fresh IV each time', () => {
    const keyring = createKeyring(keyA);
    expect(seal(keyring, 'same', 'ref')).not.toBe(seal(keyring, 'same', 'ref'));
  });

  it('refuses a ciphertext moved to another reference or tampered with', () => {
    const keyring = createKeyring(keyA);
    const sealed = seal(keyring, 'value', 'ref-1');
    expect(() => open(keyring, sealed, 'ref-2')).toThrow();
    const parts = sealed.split('.');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => open(keyring, parts.join('.'), 'ref-1')).toThrow();
  });

  it('opens secrets sealed with an old key after rotation and seals new ones with the new key', () => {
    const sealedWithA = seal(createKeyring(keyA), 'old secret', 'ref');
    const rotated = createKeyring(keyB, [keyA]);
    expect(open(rotated, sealedWithA, 'ref')).toBe('old secret');
    expect(seal(rotated, 'new secret', 'ref').split('.')[1]).toBe(keyId(Buffer.from(keyB, 'hex')));
    expect(() => open(createKeyring(keyB), sealedWithA, 'ref')).toThrow(/not configured/);
  });
});
