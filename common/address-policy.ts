// Which IP addresses Roster refuses to connect to when a tenant's URL leads there (unless
// ROSTER_ALLOW_PRIVATE_URLS=true): anything that is not a public unicast address, so that a URL
// typed by support cannot reach the network Roster runs in. The same list serves the text check
// of a URL (url-policy.ts) and the check of the address a name resolves to at connect time
// (activities/http/network-guard.ts). docs/CONNECTORS.md "Network policy" lists the ranges.
import { BlockList, isIP } from 'node:net';

interface Range {
  /** Completes "is …": named in the refusal. */
  name: string;
  v4?: string[];
  v6?: string[];
}

// Earlier entries win, so the metadata address is named before the link-local range holding it.
const ranges: Range[] = [
  { name: 'a cloud metadata address', v4: ['169.254.169.254/32'], v6: ['fd00:ec2::254/128'] },
  { name: 'a loopback address', v4: ['127.0.0.0/8'], v6: ['::1/128'] },
  { name: 'the unspecified address', v4: ['0.0.0.0/8'], v6: ['::/128'] },
  { name: 'a private address', v4: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'], v6: ['fc00::/7', 'fec0::/10'] },
  { name: 'a link-local address', v4: ['169.254.0.0/16'], v6: ['fe80::/10'] },
  { name: 'a carrier-grade NAT address', v4: ['100.64.0.0/10'] },
  { name: 'a benchmarking address', v4: ['198.18.0.0/15'], v6: ['2001:2::/48'] },
  { name: 'a documentation address', v4: ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24'], v6: ['2001:db8::/32', '3fff::/20'] },
  { name: 'a multicast address', v4: ['224.0.0.0/4'], v6: ['ff00::/8'] },
  // 240/4 holds the broadcast address; ::/96 the deprecated IPv4-compatible form; 2001::/23 Teredo
  // and ORCHID; 64:ff9b:1::/48 is local-use NAT64.
  { name: 'a reserved or broadcast address', v4: ['192.0.0.0/24', '192.88.99.0/24', '240.0.0.0/4'], v6: ['::/96', '100::/64', '2001::/23', '64:ff9b:1::/48'] },
];

/** The IPv6 forms that carry an IPv4 address in their low (or, for 6to4, high) bits, as prefix and offset of the IPv4 bits. */
const ipv4Inside = [
  { prefix: (hi: string, lo: string) => `::ffff:${hi}:${lo}`, at: 96 }, // IPv4-mapped
  { prefix: (hi: string, lo: string) => `::${hi}:${lo}`, at: 96 }, // IPv4-compatible (deprecated)
  { prefix: (hi: string, lo: string) => `64:ff9b::${hi}:${lo}`, at: 96 }, // NAT64 (RFC 6052)
  { prefix: (hi: string, lo: string) => `2002:${hi}:${lo}::`, at: 16 }, // 6to4 (RFC 3056)
];

function addSubnet(list: BlockList, cidr: string, family: 'ipv4' | 'ipv6'): void {
  const [address, bits] = cidr.split('/') as [string, string];
  list.addSubnet(address, Number(bits), family);
}

/** The IPv4 subnet as each IPv6 form that embeds it. */
function addEmbedded(list: BlockList, cidr: string): void {
  const [address, bits] = cidr.split('/') as [string, string];
  const [a, b, c, d] = address.split('.').map(Number) as [number, number, number, number];
  const hi = ((a << 8) | b).toString(16);
  const lo = ((c << 8) | d).toString(16);
  for (const form of ipv4Inside) list.addSubnet(form.prefix(hi, lo), form.at + Number(bits), 'ipv6');
}

const lists = ranges.map(({ name, v4 = [], v6 = [] }) => {
  const list = new BlockList();
  for (const cidr of v4) {
    addSubnet(list, cidr, 'ipv4');
    addEmbedded(list, cidr);
  }
  for (const cidr of v6) addSubnet(list, cidr, 'ipv6');
  return { name, list };
});

/** What kind of non-public address this is ("a loopback address"), or undefined for a public one or a non-address. */
export function refusedAddress(address: string): string | undefined {
  const family = isIP(address);
  if (family === 0) return undefined;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  return lists.find(({ list }) => list.check(address, type))?.name;
}
