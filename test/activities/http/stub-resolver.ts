// A resolver that answers as DNS would for names the tests choose, so that a public-looking name
// can lead to loopback without touching the machine's DNS.
import type { LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';

/** dns.lookup, answering every name with `addresses`. */
export function resolvesTo(...addresses: string[]): LookupFunction {
  const answer: LookupAddress[] = addresses.map((address) => ({ address, family: isIP(address) }));
  return (_hostname, options, callback) => {
    if (options.all) callback(null, answer);
    else callback(null, answer[0]!.address, answer[0]!.family);
  };
}
