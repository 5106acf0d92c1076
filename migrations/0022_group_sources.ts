import type { Knex } from 'knex';

// `groups` became a list of sources (issue 19). A stored config with the single object of before
// holds the same decision as a list of one with no prefix, so it is rewritten in place; the
// versions keep their ids and dates.
const ONE_SOURCE_TO_LIST = `jsonb_set(config, '{groups}', jsonb_build_array(jsonb_build_object('prefix', '') || (config -> 'groups')))`;

export async function up(knex: Knex): Promise<void> {
  for (const table of ['tenants', 'tenant_config_versions']) {
    await knex(table).whereRaw(`jsonb_typeof(config -> 'groups') = 'object'`).update({ config: knex.raw(ONE_SOURCE_TO_LIST) });
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['tenants', 'tenant_config_versions']) {
    await knex(table)
      .whereRaw(`jsonb_typeof(config -> 'groups') = 'array' and jsonb_array_length(config -> 'groups') = 1`)
      .update({ config: knex.raw(`jsonb_set(config, '{groups}', (config -> 'groups' -> 0) - 'prefix')`) });
  }
}
