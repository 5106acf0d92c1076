// What the config tests share: the accepted and refused outcomes of validateTenantConfig, and
// the one message at a path.
import { expect } from 'vitest';
import { validateTenantConfig, type ConfigIssue } from '../../common/tenant-config';
import { kickoffConfig } from '../support/fixtures';

export const options = { minScheduleMinutes: 15, now: new Date('2026-11-22T00:00:00Z') };

// docs/API.md's example, verbatim.
export const example = kickoffConfig;

export const minimal = {
  identityKey: 'hrisId',
  include: { statuses: ['active'] },
  schedule: { cron: '0 2 * * *', timezone: 'UTC' },
  notifications: { errorsTo: ['it@acme.example'] },
};

export function accepted(input: unknown, minScheduleMinutes = options.minScheduleMinutes) {
  const result = validateTenantConfig(input, { ...options, minScheduleMinutes });
  if (!result.ok) throw new Error(`expected the config to be accepted: ${JSON.stringify(result.details)}`);
  return result;
}

/** The details of a refusal; every one must be a sentence, never zod's generic wording. */
export function refused(input: unknown, minScheduleMinutes = options.minScheduleMinutes): ConfigIssue[] {
  const result = validateTenantConfig(input, { ...options, minScheduleMinutes });
  if (result.ok) throw new Error('expected the config to be refused');
  for (const { message } of result.details) {
    expect(message).not.toMatch(/invalid input|expected .*, received/i);
    expect(message).toMatch(/^["A-Za-z0-9].*\.$/);
  }
  return result.details;
}

/** The one message at `path`, which must quote each of `words`. */
export function messageAt(details: ConfigIssue[], path: string, ...words: string[]): string {
  const matching = details.filter((detail) => detail.path === path);
  expect(matching, `details: ${JSON.stringify(details)}`).toHaveLength(1);
  const message = matching[0]?.message ?? '';
  for (const word of words) expect(message).toContain(word);
  return message;
}

