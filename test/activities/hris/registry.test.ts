// The registry of HR systems: the one list, data only (the workflow bundle includes it), and what
// the rest of Roster derives from it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hrisDescriptor, hrisProviders, hrisRegistry } from '../../../activities/hris/registry';
import { authorizationLinkMail } from '../../../activities/notify/templates/authorization-link';
import { readsChanges } from '../../../common/tenant';

const source = (file: string) => readFileSync(new URL(`../../../activities/hris/${file}`, import.meta.url), 'utf8');
const valueImports = (text: string) => [...text.matchAll(/^import (?!type )[^;]*?from '([^']+)'/gm)].map((match) => match[1]!);

describe('the registry', () => {
  it('and every descriptor import nothing but types and other descriptors, so no connector code reaches a workflow', () => {
    for (const file of ['registry.ts', 'descriptor.ts', ...hrisProviders.map((provider) => `${provider}/descriptor.ts`)]) {
      expect(valueImports(source(file)).filter((path) => !/^\.\.?\/(?:[a-z0-9-]+\/)?descriptor$/.test(path)), file).toEqual([]);
    }
  });

  it('knows a provider only by its own name', () => {
    expect(hrisDescriptor('humaans')).toBe(hrisRegistry.humaans);
    expect(hrisDescriptor('personio')).toBeUndefined();
    expect(hrisDescriptor('constructor')).toBeUndefined();
  });

  it('says which HR systems can read only changes, and none for a name it does not know', () => {
    expect(hrisProviders.filter((provider) => readsChanges({ provider } as never))).toEqual(['bamboohr']);
    expect(readsChanges({ provider: 'personio' } as never)).toBe(false);
  });

  it.each(hrisProviders)('tells the %s admin where the key is made, in the e-mail', (provider) => {
    const mail = authorizationLinkMail({ tenantName: 'Acme', provider, url: 'https://roster.example/authorize/t', expiresAt: '2030-01-01T00:00:00Z' });
    expect(mail.subject).toContain(hrisRegistry[provider].name);
    expect(mail.text).toContain(hrisRegistry[provider].whereToCreateKey);
  });
});
