// Building blocks the config's schemas share: strict objects that say which fields they take,
// flags, whole numbers, and the bounds that keep a config a small document.
import { z } from 'zod';
import { expecting, listOf } from './messages';

export const NAME_LENGTH = 200;
export const VALUE_LENGTH = 1000;
export const MAX_RULES = 100;
export const MAX_VALUES = 100;
export const MAX_ADDRESSES = 50;
/** Days a deactivated account keeps its profile before it is anonymised, when the tenant asks for it. */
export const ANONYMISE_AFTER_DAYS = { min: 7, max: 3650 } as const;

/**
 * An object that refuses unknown keys. Its own issues say which fields it takes; the unknown-key
 * issue is split into one detail per key by `issuesToDetails`.
 */
export function strict<Shape extends z.ZodRawShape>(label: string, expected: string, shape: Shape) {
  const fields = listOf(Object.keys(shape), 'and');
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `${label} accepts only ${fields}.` : expecting(label, expected)(issue)),
  });
}

export function wholeNumber(label: string, min: number, max?: number) {
  const atLeast = z.number({ error: expecting(label, max === undefined ? `a whole number, ${min} or more` : `a whole number from ${min} to ${max}`) }).int().min(min);
  return max === undefined ? atLeast : atLeast.max(max);
}

export const flag = (label: string) => z.boolean({ error: expecting(label, 'true or false') }).default(false);
