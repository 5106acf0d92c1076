// Keyset pages for the lists that grow: a run's items, a tenant's runs and history, the tenants.
// A page holds at most `limit` rows in a stable order; its `nextCursor` names the last row shown,
// and the next page starts after it. Rows added meanwhile never shift a page, so following the
// cursors walks every row once. A cursor is opaque to clients: base64url JSON of that position.
import type { Request } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { validationFailed } from './errors';

export const encodeCursor = (after: string | number): string => Buffer.from(JSON.stringify({ after })).toString('base64url');

/** The position a cursor names, or undefined for anything this API did not give out. */
export function decodeCursor<T>(cursor: string, position: z.ZodType<T>): T | undefined {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return undefined;
  try {
    const { after } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    const parsed = position.safeParse(after);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export const badCursor = 'is not a cursor this API gave out for this list: start again without one';

/** The `cursor` query parameter of a list whose rows are named by `position`. */
export const cursorParam = <T>(position: z.ZodType<T>) =>
  z
    .string({ message: 'must be given once' })
    .refine((value) => decodeCursor(value, position) !== undefined, badCursor)
    .optional()
    .meta({ description: "The previous page's `nextCursor`; empty or absent for the first page." });

/**
 * The position a parsed `cursor` names, once `exists` has found that row in this list (a cursor
 * of another tenant's list is refused like any other); undefined without a cursor.
 */
export async function positionAfter<T>(cursor: string | undefined, position: z.ZodType<T>, exists: (after: T) => Promise<unknown>): Promise<T | undefined> {
  if (cursor === undefined) return undefined;
  const after = decodeCursor(cursor, position)!;
  if (!(await exists(after))) throw validationFailed([{ path: 'cursor', message: badCursor }]);
  return after;
}

/** Rows of `table` newest first by (`time`, id), after the row whose id is `after` when given. */
export function newestFirst(query: Knex.QueryBuilder, table: string, time: string, after?: string): Knex.QueryBuilder {
  if (after !== undefined) query.whereRaw('(??, ??) < (select ??, id from ?? where id = ?)', [time, 'id', time, table, after]);
  return query.orderBy([{ column: time, order: 'desc' }, { column: 'id', order: 'desc' }]);
}

/** The `limit` query parameter: a whole number from 1 to `max`. */
export const limitParam = (max: number, fallback: number) => {
  const message = `must be a whole number from 1 to ${max}`;
  return z.coerce.number({ message }).int(message).min(1, message).max(max, message).default(fallback).meta({ description: `At most this many per page (1–${max}, default ${fallback}).` });
};

export const nextCursorSchema = z.string().nullable().meta({ description: "The next page's cursor; null on the last page." });

/** A page of `limit` rows out of `limit + 1` read: the extra row says whether another page follows. */
export function pageOf<T>(rows: T[], limit: number, positionOf: (row: T) => string | number): { rows: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: rows.length > limit ? encodeCursor(positionOf(page[page.length - 1]!)) : null };
}

/** The query string without empty parameters: `cursor=` means no cursor. */
export const given = (query: Request['query']) => Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''));

/** A case-insensitive "contains" pattern for ILIKE, the search's own wildcards taken literally. */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
