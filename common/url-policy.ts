// URLs of HR systems and platforms are fetched by Roster's workers, so by default only public
// https addresses are accepted; ROSTER_ALLOW_PRIVATE_URLS=true (embedded default, tests) also
// allows http and loopback / private addresses.
import { isIP } from 'node:net';

const privateV4 = [/^10\./, /^127\./, /^169\.254\./, /^192\.168\./, /^172\.(1[6-9]|2\d|3[01])\./, /^0\./, /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./];

function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal')) return true;
  if (isIP(host) === 4) return privateV4.some((re) => re.test(host));
  if (isIP(host) === 6) return host === '::1' || host === '::' || /^(fc|fd|fe8|fe9|fea|feb)/.test(host) || host.startsWith('::ffff:');
  return !host.includes('.');
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
  if (isPrivateHost(url.hostname)) return 'must be a public address: loopback and private networks are refused';
  return undefined;
}
