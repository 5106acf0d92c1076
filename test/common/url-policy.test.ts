// The text check of a tenant's URL at the edge: every way of writing a non-public address
// literally is refused when private URLs are not allowed, and public names and addresses pass.
import { describe, expect, it } from 'vitest';
import { refusedAddress } from '../../common/address-policy';
import { checkUrl } from '../../common/url-policy';

describe('checkUrl with private URLs not allowed', () => {
  it.each([
    ['https://localhost/api', 'localhost is a local name'],
    ['https://localhost./api', 'localhost is a local name'],
    ['https://LOCALHOST.:8443/api', 'localhost is a local name'],
    ['https://hr.localhost/api', 'hr.localhost is a local name'],
    ['https://printer.local/api', 'printer.local is a local name'],
    ['https://metadata.google.internal/api', 'metadata.google.internal is a local name'],
    ['https://nas.home.arpa/api', 'nas.home.arpa is a local name'],
    ['https://intranet/api', 'intranet is a name without a domain'],
    ['https://127.0.0.1/api', '127.0.0.1 is a loopback address'],
    ['https://127.1/api', '127.0.0.1 is a loopback address'],
    ['https://2130706433/api', '127.0.0.1 is a loopback address'],
    ['https://0x7f.1/api', '127.0.0.1 is a loopback address'],
    ['https://0177.0.0.1/api', '127.0.0.1 is a loopback address'],
    ['https://127.0.0.1./api', '127.0.0.1 is a loopback address'],
    ['https://[::1]/api', '::1 is a loopback address'],
    ['https://[::7f00:1]/api', '::7f00:1 is a loopback address'],
    ['https://[::ffff:127.0.0.1]/api', '::ffff:7f00:1 is a loopback address'],
    ['https://[64:ff9b::127.0.0.1]/api', '64:ff9b::7f00:1 is a loopback address'],
    ['https://[2002:7f00:1::]/api', '2002:7f00:1:: is a loopback address'],
    ['https://169.254.169.254/latest/meta-data', '169.254.169.254 is a cloud metadata address'],
    ['https://[fd00:ec2::254]/latest', 'fd00:ec2::254 is a cloud metadata address'],
    ['https://[::ffff:169.254.169.254]/latest', '::ffff:a9fe:a9fe is a cloud metadata address'],
    ['https://0xa9fea9fe/latest', '169.254.169.254 is a cloud metadata address'],
    ['https://10.0.0.5/api', '10.0.0.5 is a private address'],
    ['https://172.16.0.1/api', '172.16.0.1 is a private address'],
    ['https://192.168.1.1/api', '192.168.1.1 is a private address'],
    ['https://[fd12:3456::1]/api', 'fd12:3456::1 is a private address'],
    ['https://169.254.10.10/api', '169.254.10.10 is a link-local address'],
    ['https://[fe80::1]/api', 'fe80::1 is a link-local address'],
    ['https://100.64.0.1/api', '100.64.0.1 is a carrier-grade NAT address'],
    ['https://198.18.0.1/api', '198.18.0.1 is a benchmarking address'],
    ['https://224.0.0.1/api', '224.0.0.1 is a multicast address'],
    ['https://[ff02::1]/api', 'ff02::1 is a multicast address'],
    ['https://255.255.255.255/api', '255.255.255.255 is a reserved or broadcast address'],
    ['https://0.0.0.0/api', '0.0.0.0 is the unspecified address'],
    ['https://[::]/api', ':: is the unspecified address'],
    ['https://192.0.2.10/api', '192.0.2.10 is a documentation address'],
    ['https://[2001:db8::1]/api', '2001:db8::1 is a documentation address'],
  ])('refuses %s: %s', (url, why) => {
    expect(checkUrl(url, false)).toBe(`must be a public address: ${why}`);
  });

  it.each(['https://app.humaans.io/api', 'https://api.bamboohr.com/api/gateway.php/acme/v1', 'https://hr.example.com./api', 'https://93.184.215.14/api', 'https://[2606:4700:4700::1111]/api', 'https://172.32.0.1/api', 'https://100.128.0.1/api', 'https://[::ffff:8.8.8.8]/api'])(
    'accepts the public %s',
    (url) => {
      expect(checkUrl(url, false)).toBeUndefined();
    },
  );

  it('refuses http, credentials in the URL, and what is not a URL', () => {
    expect(checkUrl('http://app.humaans.io/api', false)).toBe('must start with https://');
    expect(checkUrl('https://user:pw@app.humaans.io/api', false)).toMatch(/^must not contain a user name or password/);
    expect(checkUrl('app.humaans.io/api', false)).toMatch(/^must be an absolute URL/);
  });
});

describe('checkUrl with private URLs allowed', () => {
  it('accepts http and loopback, but still only http and https', () => {
    expect(checkUrl('http://localhost:3000/api', true)).toBeUndefined();
    expect(checkUrl('http://[::ffff:127.0.0.1]:3000/api', true)).toBeUndefined();
    expect(checkUrl('ftp://localhost/api', true)).toBe('must start with https:// or http://');
  });
});

describe('refusedAddress', () => {
  it('names the IPv4 ranges in every IPv6 form that carries them', () => {
    for (const form of ['::ffff:10.0.0.1', '::10.0.0.1', '64:ff9b::10.0.0.1', '2002:a00:1::']) expect(refusedAddress(form), form).toBe('a private address');
  });

  it('passes public addresses in those forms, and what is not an address', () => {
    for (const address of ['::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1', '8.8.8.8', 'hr.example.com']) expect(refusedAddress(address), address).toBeUndefined();
  });
});
