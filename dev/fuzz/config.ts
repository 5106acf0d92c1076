// The fuzzer's config file (schemathesis.toml): the admin token, and the seeded ids as dictionaries
// that path parameters draw from most of the time (the rest stay generated, so a made-up id is
// still tried). Offboarding draws its tenants from their own list: it ends a tenant's life, and
// every other operation should keep finding tenants in every stage.
import type { FuzzData } from './seed';

/** The environment variable the config reads the token from, so it is on no command line. */
export const TOKEN_VARIABLE = 'ROSTER_FUZZ_TOKEN';

/** How often a path parameter takes a seeded value rather than a generated one. */
const SEEDED_SHARE = 0.8;

// A TOML basic string is a JSON string for the ASCII ids used here.
const list = (values: readonly string[]) => `[${values.map((value) => JSON.stringify(value)).join(', ')}]`;
const drawn = (dictionary: string) => `{ dictionary = "${dictionary}", probability = ${SEEDED_SHARE} }`;

export function fuzzConfig(data: FuzzData): string {
  return [
    '[auth.openapi.bearer]',
    `bearer = "\${${TOKEN_VARIABLE}}"`,
    '',
    ...Object.entries({ tenants: data.tenants, leaving: data.leaving, syncs: data.syncIds, people: data.hrisIds, links: data.linkTokens }).flatMap(([name, values]) => [
      `[dictionaries.${name}]`,
      `values = ${list(values)}`,
      '',
    ]),
    '[parameters]',
    `"path.id" = ${drawn('tenants')}`,
    `"path.syncId" = ${drawn('syncs')}`,
    `"path.hrisId" = ${drawn('people')}`,
    `"path.linkToken" = ${drawn('links')}`,
    '',
    '[[operations]]',
    'include-operation-id = "offboardTenant"',
    `parameters = { "path.id" = ${drawn('leaving')} }`,
    '',
  ].join('\n');
}
