// Where the one HTTP layer may connect. A tenant's URL is typed by support, so unless private URLs
// are allowed (ROSTER_ALLOW_PRIVATE_URLS) Roster connects only to public addresses: the address a
// name resolves to is checked when the connection is opened, the very address the socket then
// uses, so a name that resolves to a public address when the URL is entered and to a private one
// later (DNS rebinding) is refused too. undici's Agent takes the check as its connector; the list
// of addresses is common/address-policy.ts.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import { refusedAddress } from '../../common/address-policy';

export interface NetworkPolicy {
  /** ROSTER_ALLOW_PRIVATE_URLS: the embedded default and the tests reach systems on this machine. */
  allowPrivateUrls: boolean;
  /** How names become addresses, as dns.lookup; tests map a public-looking name to loopback. */
  lookup?: LookupFunction;
}

/** What the layer does when it is told nothing: public addresses only. */
export const publicAddressesOnly: NetworkPolicy = { allowPrivateUrls: false };

/** A connection the policy did not let Roster open. */
export class AddressRefused extends Error {
  constructor(host: string, address: string, kind: string) {
    super(host === address ? `${address} is ${kind}` : `${host} resolves to ${address}, ${kind}`);
  }
}

/** `resolve`, refusing a name when any of its addresses is not public. */
function checkedLookup(resolve: LookupFunction): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, found, family) => {
      if (error) return callback(error, '');
      const addresses: LookupAddress[] = typeof found === 'string' ? [{ address: found, family: family ?? 4 }] : found;
      for (const { address } of addresses) {
        const kind = refusedAddress(address);
        if (kind) return callback(new AddressRefused(hostname, address, kind), '');
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/** undici's connector behind the check: an address given literally never reaches `lookup`, so it is checked here. */
function guardedConnector(resolve: LookupFunction): buildConnector.connector {
  const connect = buildConnector({ lookup: checkedLookup(resolve) });
  return (options, callback) => {
    const kind = refusedAddress(options.hostname);
    if (kind) return callback(new AddressRefused(options.hostname, options.hostname, kind), null);
    connect(options, callback);
  };
}

// One pool per policy and resolver, so that connections are reused across the clients of a process.
const pools = { guarded: new WeakMap<LookupFunction, Agent>(), open: new WeakMap<LookupFunction, Agent>() };

/** The dispatcher that carries out `policy`. */
export function dispatcherFor(policy: NetworkPolicy): Dispatcher {
  const resolve = policy.lookup ?? (dnsLookup as LookupFunction);
  const pool = policy.allowPrivateUrls ? pools.open : pools.guarded;
  let agent = pool.get(resolve);
  if (!agent) {
    agent = new Agent({ connect: policy.allowPrivateUrls ? { lookup: resolve } : guardedConnector(resolve) });
    pool.set(resolve, agent);
  }
  return agent;
}

/** The refusal behind a failed fetch, if that is why it failed. */
export function refusalIn(error: unknown): AddressRefused | undefined {
  for (let cause = error; cause instanceof Error; cause = cause.cause) if (cause instanceof AddressRefused) return cause;
  return undefined;
}
