// Executes a plan against the platform, one item at a time, so that the sync-run activities can
// work through persisted items in batches and skip those already done. The order matters:
// updates before creates (a renamed account frees its user name), links as soon as an account
// is written, managers in a second pass once every account exists, groups last.
import type { Db } from '../../common/db';
import { isConnectorError } from '../http/errors';
import { link, linkGroup, markDeactivated, markReactivated, unlinkGroup, type LinkScope, type PlatformConnector } from '../platform';
import { forgetAnonymisedPerson } from './anonymised-records';
import { patchOf, type GroupPlanItem, type PlanItem } from './core';

export interface ApplyDeps {
  platform: PlatformConnector;
  db: Db;
  tenantId: string;
  /** The tenant's links on the platform the run writes to. */
  links: LinkScope;
  /** The run applying, which the record of an anonymisation names. */
  syncId: string;
  /**
   * Look an account (or group) up by externalId before creating it. Needed only when an earlier
   * attempt may have created it without recording so (a retried apply): the plan itself was made
   * from a complete listing of the platform.
   */
  lookUpBeforeCreate?: boolean;
}

/** `done` (with the account written, if any) or `failed` for this record alone. */
export type ItemResult = { result: 'done'; accountId?: string } | { result: 'failed'; code: string; message: string };

/**
 * A failure that concerns only this record is its result; one that concerns the whole run
 * (rejected token, platform unreachable after retries) is thrown, for the run to handle.
 */
async function recordOnly(work: () => Promise<ItemResult>): Promise<ItemResult> {
  try {
    return await work();
  } catch (error) {
    if (!isConnectorError(error) || error.retryable || error.code === 'credentials_rejected') throw error;
    return { result: 'failed', code: error.code, message: error.message };
  }
}

/**
 * First pass, for creates, updates, reactivations, deactivations, anonymisations and link-only
 * items. Anonymising is a PATCH like any update (never a DELETE); Roster forgets the person only
 * once the platform has taken it, so a failed PATCH leaves everything as it was.
 */
export function applyItem(item: PlanItem, { platform, db, tenantId, links, syncId, lookUpBeforeCreate = true }: ApplyDeps): Promise<ItemResult> {
  return recordOnly(async () => {
    if (item.action === 'create' && item.fields) {
      // A crash between create and link left the account behind: take it rather than create twice.
      const existing = lookUpBeforeCreate ? await platform.findByExternalId(item.fields.externalId) : undefined;
      const account = existing ?? (await platform.createUser(item.fields));
      await link(db, links, item.hrisId, account.id);
      return { result: 'done', accountId: account.id };
    }
    if (!item.accountId) return { result: 'done' };
    if (item.changes) await platform.updateUser(item.accountId, patchOf(item.changes));
    if (item.link) await link(db, links, item.hrisId, item.accountId);
    if (item.action === 'deactivate') await markDeactivated(db, links, item.accountId);
    if (item.action === 'reactivate') await markReactivated(db, links, item.accountId);
    if (item.action === 'anonymise') await forgetAnonymisedPerson(db, { syncId, tenantId, hrisId: item.hrisId, accountId: item.accountId });
    return { result: 'done', accountId: item.accountId };
  });
}

/** Second pass: the manager attribute of an item whose manager was created in this run. */
export function applyManager(item: PlanItem, accountIdOf: (hrisId: string) => string | undefined, { platform }: ApplyDeps): Promise<ItemResult> {
  return recordOnly(async () => {
    const accountId = accountIdOf(item.hrisId);
    const managerId = item.managerHrisId && accountIdOf(item.managerHrisId);
    if (!accountId || !managerId) return { result: 'failed', code: 'manager_not_found', message: 'the manager has no account after this run' };
    await platform.updateUser(accountId, { attributes: { manager: managerId } });
    return { result: 'done', accountId };
  });
}

export function applyGroup(item: GroupPlanItem, accountIdOf: (hrisId: string) => string | undefined, { platform, db, links, lookUpBeforeCreate = true }: ApplyDeps): Promise<ItemResult> {
  return recordOnly(async () => {
    const added = item.add.map((member) => member.accountId ?? accountIdOf(member.hrisId)).filter((id): id is string => id !== undefined);
    if (item.action === 'create') {
      // A crash between create and link left the group behind: take it rather than create twice.
      const existing = lookUpBeforeCreate ? await platform.findGroupByExternalId(item.externalId) : undefined;
      if (existing) await platform.addMembers(existing.id, added.filter((id) => !existing.members.includes(id)));
      const group = existing ?? (await platform.createGroup({ externalId: item.externalId, displayName: item.displayName, members: added }));
      await linkGroup(db, links, item.externalId, group.id);
      return { result: 'done' };
    }
    const groupId = item.groupId!;
    if (item.action === 'delete') {
      await platform.deleteGroup(groupId);
      await unlinkGroup(db, links, item.externalId);
      return { result: 'done' };
    }
    // Stamped first: a crash after it leaves a group the next run finds by its external id.
    if (item.link === 'adopt') await platform.stampGroup(groupId, item.externalId);
    if (item.rename?.to) await platform.renameGroup(groupId, item.rename.to);
    if (added.length > 0) await platform.addMembers(groupId, added);
    if (item.remove.length > 0) await platform.removeMembers(groupId, item.remove);
    if (item.link) await linkGroup(db, links, item.externalId, groupId);
    return { result: 'done' };
  });
}
