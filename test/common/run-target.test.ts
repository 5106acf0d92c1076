// Which platform a run goes to (common/tenant.ts runTarget): the sandbox before go-live when the
// tenant has one, except the initial load; production otherwise, and always for the demo platform.
import { describe, expect, it } from 'vitest';
import { stages } from '../../common/stages';
import { syncTriggers } from '../../common/sync-run';
import { runTarget, type PlatformSettings } from '../../common/tenant';

const production = { kind: 'scim', baseUrl: 'https://platform.example/scim/v2', tokenRef: 'p', maxRequestsPerSecond: 10, concurrency: 4 } as const;
const withSandbox: PlatformSettings = { ...production, sandbox: { baseUrl: 'https://sandbox.platform.example/scim/v2', tokenRef: 's' } };

describe('runTarget', () => {
  it('sends every run before go-live but the initial load to the sandbox, and every run after it to production', () => {
    for (const stage of ['kickoff', 'authorization', 'testing', 'ready'] as const) {
      for (const trigger of syncTriggers) expect(runTarget(withSandbox, stage, trigger), `${stage} ${trigger}`).toBe(trigger === 'initial_load' ? 'production' : 'sandbox');
    }
    for (const stage of ['live', 'paused', 'needs_reauthorization'] as const) {
      for (const trigger of syncTriggers) expect(runTarget(withSandbox, stage, trigger)).toBe('production');
    }
  });

  it('sends everything to production for a tenant without a sandbox, and for the demo platform', () => {
    for (const stage of stages) {
      for (const trigger of syncTriggers) {
        expect(runTarget(production, stage, trigger)).toBe('production');
        expect(runTarget({ kind: 'demo' }, stage, trigger)).toBe('production');
      }
    }
  });
});
