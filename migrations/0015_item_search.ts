import type { Knex } from 'knex';

// The console's and the API's person searches (api/item-search.ts) look for a fragment of a name,
// e-mail or HR id among a tenant's plan items, which grow to millions of rows. A trigram index
// answers "contains" (ILIKE '%…%'); btree_gin lets the same GIN index lead with the tenant id.
// Both extensions ship with PostgreSQL and are trusted: the database's owner may create them.
export async function up(knex: Knex): Promise<void> {
  await knex.raw('create extension if not exists pg_trgm');
  await knex.raw('create extension if not exists btree_gin');
  await knex.raw(`create index plan_items_search on plan_items using gin (tenant_id, (coalesce(plan_items.name, '') || E'\\x1f' || coalesce(plan_items.identity_key, '') || E'\\x1f' || coalesce(plan_items.hris_id, '')) gin_trgm_ops)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index plan_items_search');
}
