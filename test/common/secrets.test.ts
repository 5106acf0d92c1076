import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createKeyring, keyId, open, seal } from '../../common/secrets';
import { unfixableCause } from '../../common/unfixable';

const keyA = randomBytes(32).toString('base64');
const keyB = randomBytes(32).toString('hex');

/** The sealed value with its authentication tag cut to `bytes`. */
function withTagOf(sealed: string, bytes: number): string {
  const parts = sealed.split('.');
  parts[3] = Buffer.from(parts[3]!, 'base64url').subarray(0, bytes).toString('base64url');
  return parts.join('.');
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('sealing secrets with AES-256-GCM', () => {
  it('round-trips and names the key that sealed it', () => {
    const keyring = createKeyring(keyA);
    const sealed = seal(keyring, 'hris-key-123', 'ref-1');
    expect(sealed).not.toContain('hris-key-123');
    expect(sealed.split('.')[1]).toBe(keyId(Buffer.from(keyA, 'base64')));
    expect(Buffer.from(sealed.split('.')[3]!, 'base64url')).toHaveLength(16);
    expect(open(keyring, sealed, 'ref-1')).toBe('hris-key-123');
  });

  it('uses a fresh IV each time', () => {
    const keyring = createKeyring(keyA);
    expect(seal(keyring, 'same', 'ref')).not.toBe(seal(keyring, 'same', 'ref'));
  });

  it('refuses a ciphertext moved to another reference or tampered with', () => {
    const keyring = createKeyring(keyA);
    const sealed = seal(keyring, 'value', 'ref-1');
    expect(() => open(keyring, sealed, 'ref-2')).toThrow(/copied from another tenant, kind or secret/);
    const parts = sealed.split('.');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => open(keyring, parts.join('.'), 'ref-1')).toThrow(/altered/);
  });

  it('refuses an authentication tag shorter than 16 bytes as a corrupted secret, even the true tag cut short', () => {
    const keyring = createKeyring(keyA);
    const sealed = seal(keyring, 'value', 'ref-1');
    for (const bytes of [15, 12, 4, 1, 0]) {
      const error = thrown(() => open(keyring, withTagOf(sealed, bytes), 'ref-1'));
      expect(unfixableCause(error), `${bytes} bytes`).toEqual({ cause: 'secret_missing', message: expect.stringContaining(`authentication tag is ${bytes} bytes, not 16`) });
    }
  });

  it('opens secrets sealed with an old key after rotation and seals new ones with the new key', () => {
    const sealedWithA = seal(createKeyring(keyA), 'old secret', 'ref');
    const rotated = createKeyring(keyB, [keyA]);
    expect(open(rotated, sealedWithA, 'ref')).toBe('old secret');
    expect(seal(rotated, 'new secret', 'ref').split('.')[1]).toBe(keyId(Buffer.from(keyB, 'hex')));
    expect(() => open(createKeyring(keyB), sealedWithA, 'ref')).toThrow(/not configured/);
  });

  it('points a value sealed before secrets were bound to their tenant and kind at the rotation command', () => {
    const keyring = createKeyring(keyA);
    const unbound = seal(keyring, 'value', 'ref-1').replace(/^v2\./, 'v1.');
    expect(() => open(keyring, unbound, 'ref-1')).toThrow('Unreadable secret: sealed by an earlier version of Roster; run `npm run keys -- rotate` to re-seal it');
  });
});
