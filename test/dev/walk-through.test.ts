// `npm run walk`, the README's walk through a tenant's life, run against the real stack: every
// step it prints must have happened.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { walkThrough } from '../../dev/walk-through';
import { startDemoStack, type DemoStack } from '../support/onboarding';

let demo: DemoStack;
beforeAll(async () => {
  demo = await startDemoStack();
});
afterAll(() => demo?.stop());

it('walks a demo tenant from creation to live, deactivates a leaver, and offboards it', async () => {
  const lines: string[] = [];
  const { stack } = demo;
  // The demo platform of this stack is a SCIM server with one directory per tenant: opened as the walk creates it.
  const id = await walkThrough({
    baseUrl: stack.url,
    token: stack.adminToken,
    say: (line) => {
      lines.push(line);
      const created = /^1\. Created tenant (\S+) /.exec(line);
      if (created) demo.platformFor(created[1]!);
    },
  });
  expect(lines).toHaveLength(9);
  expect(lines[6]).toMatch(/^7\. Went live: the initial load (success|warning) \(created \d+/);
  expect(lines[7]).toMatch(/on-demand sync \S+ (success|warning): .*deactivated 1/);
  const tenant = (await stack.request('GET', `/api/tenants/${id}`)).body;
  expect(tenant.stage).toBe('offboarded');
  expect(tenant.history.map((entry: { actor: string }) => entry.actor)).toContain('hris-admin:link');
});
