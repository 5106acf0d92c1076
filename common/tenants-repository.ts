// The tenants table: its one row type and the reads and writes the API makes of it. The row is
// the registry of every tenant id ever taken and a projection of what the tenant workflow decided
// (written by its recording activity). Code that needs a few columns takes `Pick<TenantRow, …>`.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Db } from './db';
import type { Stage } from './stages';
import type { ConfigIssue, TenantConfig } from './tenant-config';
import type { Contacts, GoLive, HrisSettings, PlatformSettings } from './tenant';

export interface TenantRow {
  id: string;
  name: string;
  stage: Stage;
  hris: HrisSettings;
  platform: PlatformSettings;
  contacts: Contacts;
  config: TenantConfig | null;
  config_version_id: string | null;
  warnings: ConfigIssue[];
  credential: { status: 'missing' | 'verified' | 'rejected'; verifiedAt?: string };
  active_sync_id: string | null;
  go_live: GoLive | null;
  live_since: Date | null;
  revision: number;
  workflow_started: boolean;
  created_at: Date;
  updated_at: Date;
}

export async function findTenant(db: Db, id: string): Promise<TenantRow | undefined> {
  return db<TenantRow>('tenants').where({ id }).first();
}

export interface TenantListing {
  stage?: Stage;
  /** An ILIKE pattern that the id or the name matches. */
  matching?: string;
  /** Only tenants with an open problem (true), or only those without (false). */
  hasProblems?: boolean;
  /** Only ids after this one: the next page. */
  after?: string;
  limit: number;
}

/** A page of the tenants, or of those in one stage, matching a search or with open problems, by id. */
export async function listTenants(db: Db, { stage, matching, hasProblems, after, limit }: TenantListing): Promise<TenantRow[]> {
  return db<TenantRow>('tenants')
    .modify((query) => {
      if (stage) query.where({ stage });
      if (matching) query.where((match) => match.whereILike('id', matching).orWhereILike('name', matching));
      if (hasProblems !== undefined) {
        const open = db('tenant_problems').whereRaw('tenant_problems.tenant_id = tenants.id').whereNull('resolved_at');
        query[hasProblems ? 'whereExists' : 'whereNotExists'](open);
      }
      if (after) query.where('id', '>', after);
    })
    .orderBy('id')
    .limit(limit);
}

export interface NewTenant {
  id: string;
  name: string;
  hris: HrisSettings;
  contacts: Contacts;
  createdBy: string;
  at: Date;
}

/**
 * Takes the tenant id and stores the tenant with its `created` history entry, in one transaction;
 * false when the id was already taken (ids are never reused). `platform` gives the platform's
 * settings once the id is taken, sealing its token in that same transaction.
 */
export async function insertTenant(db: Db, tenant: NewTenant, platform: (trx: Knex.Transaction) => Promise<PlatformSettings>): Promise<boolean> {
  const { id, name, hris, contacts, createdBy, at } = tenant;
  return db.transaction(async (trx) => {
    const taken = await trx('tenants').insert({ id, name, stage: 'kickoff', hris: '{}', platform: '{}', contacts: '{}', created_by: createdBy, created_at: at, updated_at: at }).onConflict('id').ignore().returning('id');
    if (taken.length === 0) return false;
    const settings = await platform(trx);
    await trx('tenants').where({ id }).update({ hris: JSON.stringify(hris), platform: JSON.stringify(settings), contacts: JSON.stringify(contacts) });
    await trx('tenant_history').insert({ id: randomUUID(), tenant_id: id, at, actor: createdBy, action: 'created', to_stage: 'kickoff' });
    return true;
  });
}

export async function markWorkflowStarted(db: Db, id: string): Promise<void> {
  await db('tenants').where({ id }).update({ workflow_started: true });
}

/** Tenants whose create stopped between their row and their workflow. */
export async function tenantsWithoutWorkflow(db: Db): Promise<TenantRow[]> {
  return db<TenantRow>('tenants').where({ workflow_started: false });
}
