// From a run's end to the problems it opens and resolves (common/tenant-health/run-outcome.ts), and
// the schedule's interval that `stale` is measured in (interval.ts): pure, no servers.
import { describe, expect, it } from 'vitest';
import { longestGapMinutes } from '../../common/tenant-health/interval';
import { HRIS_UNREACHABLE_RUNS } from '../../common/tenant-health/problems';
import { healthChangeOf, type RunEnd } from '../../common/tenant-health/run-outcome';

const end = (fields: Partial<RunEnd>): RunEnd => ({ syncId: 'run-1', status: 'success', mode: 'apply', unreachableStreak: 0, ...fields });
const readProblems = ['credentials_rejected', 'insufficient_scope', 'platform_credentials_rejected', 'hris_unreachable', 'partial_directory', 'empty_directory'];

describe('healthChangeOf', () => {
  it('resolves every read problem, the hold and staleness after an applied success or warning', () => {
    for (const status of ['success', 'warning'] as const) {
      expect(healthChangeOf(end({ status }))).toEqual({ open: [], resolve: ['run_held', ...readProblems, 'stale'] });
    }
  });

  it('leaves stale open after a successful test, which writes nothing', () => {
    expect(healthChangeOf(end({ mode: 'dry_run' })).resolve).not.toContain('stale');
  });

  it('opens credentials_rejected for a rejected HR key, and insufficient_scope when the key lacked a scope', () => {
    expect(healthChangeOf(end({ status: 'error', errorCode: 'credentials_rejected' }))).toEqual({ open: [{ type: 'credentials_rejected', detail: { syncId: 'run-1', code: 'credentials_rejected' } }], resolve: ['run_held'] });
    expect(healthChangeOf(end({ status: 'error', errorCode: 'credentials_rejected', failureCause: 'insufficient_scope' })).open).toEqual([{ type: 'insufficient_scope', detail: { syncId: 'run-1', code: 'credentials_rejected' } }]);
  });

  it('opens platform_credentials_rejected and resolves the HR system problems the run got past', () => {
    expect(healthChangeOf(end({ status: 'error', errorCode: 'platform_credentials_rejected' }))).toEqual({
      open: [{ type: 'platform_credentials_rejected', detail: { syncId: 'run-1', code: 'platform_credentials_rejected' } }],
      resolve: ['run_held', 'credentials_rejected', 'insufficient_scope', 'hris_unreachable'],
    });
  });

  it('opens partial_directory, and empty_directory for an empty directory or an empty scope, resolving the credential problems', () => {
    expect(healthChangeOf(end({ status: 'error', errorCode: 'partial_directory' })).open.map((problem) => problem.type)).toEqual(['partial_directory']);
    for (const errorCode of ['empty_directory', 'empty_scope']) {
      const change = healthChangeOf(end({ status: 'error', errorCode }));
      expect(change.open).toEqual([{ type: 'empty_directory', detail: { syncId: 'run-1', code: errorCode } }]);
      expect(change.resolve).toEqual(['run_held', 'credentials_rejected', 'insufficient_scope', 'hris_unreachable', 'platform_credentials_rejected', 'partial_directory']);
    }
  });

  it(`opens hris_unreachable only once ${HRIS_UNREACHABLE_RUNS} runs in a row could not reach the HR system`, () => {
    const unreachable = (unreachableStreak: number) => healthChangeOf(end({ status: 'error', errorCode: 'run_failed', failureCause: 'hris_unreachable', unreachableStreak }));
    expect(unreachable(HRIS_UNREACHABLE_RUNS - 1).open).toEqual([]);
    expect(unreachable(HRIS_UNREACHABLE_RUNS).open).toEqual([{ type: 'hris_unreachable', detail: { syncId: 'run-1', runs: HRIS_UNREACHABLE_RUNS } }]);
    expect(healthChangeOf(end({ status: 'error', errorCode: 'run_failed', unreachableStreak: 5 })).open).toEqual([]);
  });

  it('resolves only the hold after a cancelled run, and the read problems too after a rejected one, which read and planned', () => {
    expect(healthChangeOf(end({ status: 'cancelled', errorCode: 'cancelled' }))).toEqual({ open: [], resolve: ['run_held'] });
    expect(healthChangeOf(end({ status: 'rejected', errorCode: 'rejected' }))).toEqual({ open: [], resolve: ['run_held', ...readProblems] });
  });

  it('opens nothing for a misconfigured system, resolving what the run got past', () => {
    expect(healthChangeOf(end({ status: 'error', errorCode: 'hris_misconfigured' }))).toEqual({ open: [], resolve: ['run_held', 'platform_credentials_rejected'] });
  });
});

describe('longestGapMinutes', () => {
  it('is a day for a daily schedule, three days for a weekday one, and 3 h for every three hours', () => {
    expect(longestGapMinutes('0 2 * * *')).toBe(24 * 60);
    expect(longestGapMinutes('0 2 * * 1-5')).toBe(3 * 24 * 60);
    expect(longestGapMinutes('0 */3 * * *')).toBe(3 * 60);
  });

  it('spans the overnight gap of a working-hours schedule', () => {
    // 07:00 to 19:00 every 3 h on weekdays: Friday 19:00 to Monday 07:00.
    expect(longestGapMinutes('0 7-19/3 * * 1-5')).toBe(2 * 24 * 60 + 12 * 60);
  });

  it('is undefined for an expression that does not parse', () => {
    expect(longestGapMinutes('not a cron')).toBeUndefined();
  });
});
