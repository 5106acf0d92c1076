// URLs of HR systems and platforms are fetched by Roster's workers and API, so by default only
// public https addresses are accepted; ROSTER_ALLOW_PRIVATE_URLS=true (embedded default, tests) also
// allows http and loopback / private addresses. This is the text check at the edge: the address a
// name resolves to is checked again when Roster connects (activities/http/network-guard.ts).
import { isIP } from 'node:net';
import { refusedAddress } from './address-policy';

/** Names that only ever mean this machine or a local network (RFC 6761, RFC 6762, RFC 8375). */
const localSuffixes = ['.localhost', '.local', '.internal', '.home.arpa'];

/** Why the host is not a public one, or undefined. `hostname` is as URL gives it: IPv4 in any notation already dotted-decimal. */
function whyNotPublic(hostname: string): string | undefined {
  // A trailing dot is the same name, fully qualified: `localhost.` is localhost.
  const host = hostname.replace(/^\[|\]$/g, '').replace(/\.+$/, '').toLowerCase();
  if (isIP(host)) {
    const kind = refusedAddress(host);
    return kind && `${host} is ${kind}`;
  }
  if (host === 'localhost' || localSuffixes.some((suffix) => host.endsWith(suffix))) return `${host} is a local name`;
  if (!host.includes('.')) return `${host} is a name without a domain`;
  return undefined;
}

/** Returns why the URL is refused, or undefined when it is acceptable. */
export function checkUrl(value: string, allowPrivate: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URL such as https://example.com/api';
  }
  if (url.username || url.password) return 'must not contain a user name or password; credentials are given separately';
  if (allowPrivate) return ['http:', 'https:'].includes(url.protocol) ? undefined : 'must start with https:// or http://';
  if (url.protocol !== 'https:') return 'must start with https://';
  const why = whyNotPublic(url.hostname);
  return why && `must be a public address: ${why}`;
}
