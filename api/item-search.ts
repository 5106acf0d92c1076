// Finding people among a tenant's plan items: the name, identity key or HR id contains the text.
// The three are matched as one string, joined by a control character that no search text can hold
// (searches are `line`s), because that string is what the trigram index of migration
// 0015_item_search holds, after the tenant id: a search reads only its tenant's matching items
// instead of every item of the runs it looks in. Change the expression and that index together.
import type { Knex } from 'knex';
import { containsPattern } from './paging';

const searchedText = (table: string) => ['name', 'identity_key', 'hris_id'].map((column) => `coalesce(${table}.${column}, '')`).join(` || E'\\x1f' || `);

/** Narrows `query` to the items of `tenantId` (a value or a subquery) whose person matches `text`. */
export function whereItemMatches(query: Knex.QueryBuilder, table: string, tenantId: string | Knex.QueryBuilder, text: string): void {
  query.where(`${table}.tenant_id`, tenantId).whereRaw(`(${searchedText(table)}) ilike ?`, [containsPattern(text)]);
}
