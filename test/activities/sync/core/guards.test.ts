// docs/PRODUCT.md "Safety guards": each guard, their order, the share threshold, incremental
// exemptions, and re-checking a plan against what a human approved.
import { describe, expect, it } from 'vitest';
import { checkGuards, deactivationsOf, plan, summarisePlan, unapprovedDeactivations, type PlanSummary, type ReadSummary } from '../../../../activities/sync/core';
import { person, planInput } from './builders';
import { synced } from './apply-in-memory';

const safety = { maxDeactivations: 25, maxDeactivationShare: 0.1 };
const goodRead: ReadSummary = { mode: 'full', people: 100 };
const calmPlan: PlanSummary = { inScope: 100, activeManagedBefore: 100, deactivations: 0 };

const read = (overrides: Partial<ReadSummary>): ReadSummary => ({ ...goodRead, ...overrides });
const planned = (overrides: Partial<PlanSummary>): PlanSummary => ({ ...calmPlan, ...overrides });
const codeOf = (outcome: ReturnType<typeof checkGuards>) => (outcome.outcome === 'error' ? outcome.code : outcome.outcome);

describe('the error guards, in order', () => {
  it('lets a healthy run proceed', () => {
    expect(checkGuards(goodRead, calmPlan, safety)).toEqual({ outcome: 'proceed' });
  });

  it('stops at the first that applies', () => {
    expect(codeOf(checkGuards(read({ people: 0 }), planned({ inScope: 0, deactivations: 100 }), safety))).toBe('empty_directory');
    expect(codeOf(checkGuards(goodRead, planned({ inScope: 0, deactivations: 100 }), safety))).toBe('empty_scope');
  });

  it('never holds a run an error guard stopped', () => {
    const outcome = checkGuards(goodRead, planned({ inScope: 0, deactivations: 100 }), safety);
    expect(outcome).toMatchObject({ outcome: 'error', code: 'empty_scope', message: expect.stringContaining('100 active accounts') });
  });

  it('allows nobody in scope while Roster manages no active account', () => {
    expect(checkGuards(goodRead, planned({ inScope: 0, activeManagedBefore: 0 }), safety)).toEqual({ outcome: 'proceed' });
  });

  it('exempts an incremental read from the empty-directory and empty-scope guards', () => {
    const incremental = read({ mode: 'incremental', people: 0 });
    expect(checkGuards(incremental, planned({ inScope: 0 }), safety)).toEqual({ outcome: 'proceed' });
  });
});

describe('the deactivation hold', () => {
  it('holds more deactivations than maxDeactivations', () => {
    const lots = planned({ activeManagedBefore: 1000 });
    expect(checkGuards(goodRead, { ...lots, deactivations: 25 }, safety)).toEqual({ outcome: 'proceed' });
    expect(checkGuards(goodRead, { ...lots, deactivations: 26 }, safety)).toMatchObject({ outcome: 'hold', hold: { deactivations: 26, limit: 25 } });
  });

  it('holds more than the share of active managed accounts, from 20 accounts on', () => {
    const share = { maxDeactivations: 25, maxDeactivationShare: 0.1 };
    expect(checkGuards(goodRead, planned({ activeManagedBefore: 19, deactivations: 5 }), share)).toEqual({ outcome: 'proceed' });
    const held = checkGuards(goodRead, planned({ activeManagedBefore: 20, deactivations: 3 }), share);
    expect(held).toMatchObject({ outcome: 'hold', hold: { deactivations: 3, limit: 2, reason: expect.stringContaining('10 %') } });
    expect(checkGuards(goodRead, planned({ activeManagedBefore: 20, deactivations: 2 }), share)).toEqual({ outcome: 'proceed' });
  });

  it('computes the share limit without floating-point surprises', () => {
    expect(checkGuards(goodRead, planned({ activeManagedBefore: 100, deactivations: 29 }), { maxDeactivations: 1000, maxDeactivationShare: 0.29 })).toEqual({ outcome: 'proceed' });
  });

  it('summarises a real plan: its deactivations and the active managed accounts before it', () => {
    const people = Array.from({ length: 30 }, (_, index) => person(`h${index}`, `P${index}`));
    const platform = synced(planInput(people));
    const summary = summarisePlan(plan(planInput(people.slice(0, 26), platform)));
    expect(summary).toEqual({ inScope: 26, activeManagedBefore: 30, deactivations: 4 });
    expect(checkGuards(read({ people: 26 }), summary, safety)).toMatchObject({ outcome: 'hold', hold: { limit: 3 } });
  });
});

describe('after approval', () => {
  const people = [person('h1', 'Ann'), person('h2', 'Bea'), person('h3', 'Cy')];
  const platform = synced(planInput(people));
  const approved = deactivationsOf(plan(planInput([person('h1', 'Ann')], platform)));

  it('applies a new plan whose deactivations were all approved', () => {
    expect(approved.map((ref) => ref.hrisId)).toEqual(['h2', 'h3']);
    const replanned = deactivationsOf(plan(planInput([person('h1', 'Ann'), person('h3', 'Cy')], platform)));
    expect(unapprovedDeactivations(approved, replanned)).toEqual([]);
  });

  it('holds again when the new plan deactivates someone not approved', () => {
    const replanned = deactivationsOf(plan(planInput([], platform)));
    expect(unapprovedDeactivations(approved, replanned).map((ref) => ref.hrisId)).toEqual(['h1']);
  });
});
