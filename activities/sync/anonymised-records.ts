// After an account is anonymised on the platform, Roster's own tables forget the person too
// (docs/PRODUCT.md "Anonymising long-deactivated accounts"): earlier runs' items about them lose
// their name, identity key and values, the snapshots and row errors that held them go, and mail
// that named them names a former employee instead. Kept: the HR id, the account id, and the fact.
//
// One transaction, so a crash leaves either all of it or none, and every step finds only what an
// earlier attempt left: a retried apply of the same item does nothing more and fails on nothing.
import type { Knex } from 'knex';
import type { Db } from '../../common/db';
import type { Employee, PlatformAccount } from '../../common/directory';
import { FORMER_EMPLOYEE } from './core/anonymise';

export interface Anonymised {
  syncId: string;
  tenantId: string;
  hrisId: string;
  accountId: string;
}

const MAIL_TO_FORMER_EMPLOYEE = 'A mail to a former employee, whose profile was anonymised.';

/** A value this short could be part of unrelated words in a mail; whole names and addresses are longer. */
const SHORTEST_REPLACED = 4;

const htmlEscaped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
/** How a value reads inside a JSON string (the attachments column), without its quotes. */
const jsonEscaped = (text: string) => JSON.stringify(text).slice(1, -1);

export async function forgetAnonymisedPerson(db: Db, anonymised: Anonymised): Promise<void> {
  const { tenantId, hrisId, accountId } = anonymised;
  await db.transaction(async (trx) => {
    const runs = trx('sync_runs').where({ tenant_id: tenantId }).select('id');
    const values = await personalValues(trx, anonymised, runs);
    await rewordMail(trx, tenantId, values);
    await rewordDuplicateReasons(trx, tenantId, values);
    await trx('plan_items')
      .where({ tenant_id: tenantId })
      .whereIn('kind', ['account', 'manager'])
      .andWhere((q) => q.where({ hris_id: hrisId }).orWhere({ account_id: accountId }))
      .whereNot({ action: 'anonymise' })
      .update({
        name: FORMER_EMPLOYEE.displayName,
        identity_key: null,
        // A platform's refusal may quote the values it refused; the code says what happened.
        result_message: null,
        item: trx.raw(`jsonb_strip_nulls(jsonb_build_object('hrisId', hris_id, 'accountId', account_id, 'name', ?::text, 'action', action, 'reasonCode', item->'reasonCode', 'anonymised', true))`, [FORMER_EMPLOYEE.displayName]),
      });
    // A snapshot that lost a row must never stand in for a later read (./snapshots.ts shares equal reads).
    const directoryRuns = await trx('directory_snapshots').whereIn('run_id', runs.clone()).where({ hris_id: hrisId }).distinct().pluck('run_id');
    const platformRuns = await trx('platform_snapshots').whereIn('run_id', runs.clone()).where({ kind: 'account', platform_id: accountId }).distinct().pluck('run_id');
    await trx('sync_runs').whereIn('id', directoryRuns).update({ directory_digest: null });
    await trx('sync_runs').whereIn('id', platformRuns).update({ platform_digest: null });
    await trx('directory_snapshots').whereIn('run_id', directoryRuns).where({ hris_id: hrisId }).delete();
    await trx('platform_snapshots').whereIn('run_id', platformRuns).where({ kind: 'account', platform_id: accountId }).delete();
    await trx('directory_row_errors').whereIn('run_id', runs.clone()).where({ hris_id: hrisId }).delete();
    await trx('account_links').where({ tenant_id: tenantId, hris_id: hrisId, account_id: accountId }).update({ anonymised_at: trx.fn.now() });
    await trx('anonymisations').insert({ tenant_id: tenantId, sync_id: anonymised.syncId, hris_id: hrisId, account_id: accountId }).onConflict(['tenant_id', 'sync_id', 'hris_id']).ignore();
  });
}

/** The person's names, addresses and user names as Roster's records hold them, longest first. */
async function personalValues(trx: Knex.Transaction, { tenantId, hrisId, accountId }: Anonymised, runs: Knex.QueryBuilder): Promise<string[]> {
  const found = new Set<string>();
  const add = (...values: unknown[]) => {
    for (const value of values) if (typeof value === 'string' && value.length >= SHORTEST_REPLACED && value !== hrisId && value !== accountId) found.add(value);
  };
  const items: { name: string | null; identity_key: string | null; item: { fields?: Record<string, unknown>; changes?: Record<string, { from?: unknown; to?: unknown }> } }[] = await trx('plan_items')
    .where({ tenant_id: tenantId })
    .whereIn('kind', ['account', 'manager'])
    .andWhere((q) => q.where({ hris_id: hrisId }).orWhere({ account_id: accountId }))
    .whereNot({ action: 'anonymise' })
    .select('name', 'identity_key', 'item');
  for (const { name, identity_key, item } of items) {
    add(name, identity_key, item.fields?.userName, item.fields?.displayName, item.fields?.email);
    for (const field of ['userName', 'displayName', 'email'] as const) add(item.changes?.[field]?.from, item.changes?.[field]?.to);
  }
  const people: { data: Employee }[] = await trx('directory_snapshots').whereIn('run_id', runs.clone()).where({ hris_id: hrisId }).select('data');
  for (const { data } of people) add(data.displayName, [data.preferredName ?? data.firstName, data.lastName].filter(Boolean).join(' '), data.workEmail, data.personalEmail, data.employeeCode);
  const accounts: { data: PlatformAccount }[] = await trx('platform_snapshots').whereIn('run_id', runs.clone()).where({ kind: 'account', platform_id: accountId }).select('data');
  for (const { data } of accounts) add(data.userName, data.displayName, data.email);
  // Longest first, so that a full name goes before a shorter value it contains.
  return [...found].filter((value) => value !== FORMER_EMPLOYEE.displayName).sort((a, b) => b.length - a.length);
}

/**
 * Mail to the person (a welcome) is about them alone: its address and words go. Every other mail
 * of the tenant that names them, by full name, user name or address, names a former employee.
 */
async function rewordMail(trx: Knex.Transaction, tenantId: string, values: readonly string[]): Promise<void> {
  const replacement = FORMER_EMPLOYEE.displayName;
  for (const address of values.filter((value) => value.includes('@'))) {
    await trx('mail_outbox')
      .where({ tenant_id: tenantId })
      .whereRaw('strpos(lower("to"::text), lower(?)) > 0', [jsonEscaped(address)])
      .update({ to: JSON.stringify([replacement]), subject: MAIL_TO_FORMER_EMPLOYEE, text: MAIL_TO_FORMER_EMPLOYEE, html: null, attachments: null });
  }
  for (const value of values) {
    const html = htmlEscaped(value);
    const json = jsonEscaped(value);
    await trx('mail_outbox')
      .where({ tenant_id: tenantId })
      .andWhere((q) =>
        q
          .whereRaw('strpos(subject, ?) > 0', [value])
          .orWhereRaw('strpos(text, ?) > 0', [value])
          .orWhereRaw('strpos(coalesce(html, \'\'), ?) > 0', [html])
          .orWhereRaw('strpos(coalesce(attachments::text, \'\'), ?) > 0', [json]),
      )
      .update({
        subject: trx.raw('replace(subject, ?, ?)', [value, replacement]),
        text: trx.raw('replace(text, ?, ?)', [value, replacement]),
        html: trx.raw('replace(html, ?, ?)', [html, replacement]),
        attachments: trx.raw('replace(attachments::text, ?, ?)::jsonb', [json, replacement]),
      });
  }
}

/**
 * Another person's duplicate-key skip names whoever shares their key (./core/duplicates.ts). Such
 * items are few, so they are found in one pass and reworded here rather than searched per value.
 */
async function rewordDuplicateReasons(trx: Knex.Transaction, tenantId: string, values: readonly string[]): Promise<void> {
  if (values.length === 0) return;
  const duplicates: { run_id: string; seq: number; item: Record<string, unknown> }[] = await trx('plan_items')
    .where({ tenant_id: tenantId, action: 'skip' })
    .whereRaw(`item->>'reasonCode' = 'duplicate_identity_key'`)
    .select('run_id', 'seq', 'item');
  for (const { run_id, seq, item } of duplicates) {
    const text = JSON.stringify(item);
    const reworded = values.reduce((current, value) => current.split(jsonEscaped(value)).join(FORMER_EMPLOYEE.displayName), text);
    if (reworded !== text) await trx('plan_items').where({ run_id, seq }).update({ item: reworded });
  }
}
