// Keys for purposes other than sealing secrets, derived from the encryption keys (HKDF), so an
// operator manages one key: the console's session cookies, the signed report links and the
// Temporal payload codec. A key rotation ends sessions and links signed before it, and makes
// payloads sealed before it unreadable, only once the old key is dropped.
import { hkdfSync } from 'node:crypto';
import type { Keyring } from './secrets';

export type KeyPurpose = 'console sessions' | 'report links' | 'temporal payloads';

const derive = (key: Buffer, purpose: KeyPurpose) => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `roster ${purpose}`, 32));

/** The purpose's keys, the current one first. */
export function derivedKeys(keyring: Keyring, purpose: KeyPurpose): Buffer[] {
  const current = keyring.keys.get(keyring.currentId)!;
  const old = [...keyring.keys.values()].filter((key) => key !== current);
  return [current, ...old].map((key) => derive(key, purpose));
}
