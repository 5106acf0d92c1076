// Reading a run's sources into Postgres snapshots, page by page. Each page's cursor is
// heartbeated, so a retried activity (a killed worker) resumes after the last page it stored;
// the workflow sees counts only (docs/ARCHITECTURE.md principles 1 and 5).
import { Context } from '@temporalio/activity';
import { countRows, type Db } from '../../common/db';
import type { Employee } from '../../common/directory';
import type { DirectoryCursor } from '../hris';
import { trackEndDatesOfRun } from './end-dates';
import { accountsForPeople } from './fetch-platform-targeted';
import { asActivity } from './failures';
import { heartbeatingWhile } from './heartbeat';
import { storeRowErrors } from './row-errors';
import { forgetSharedRead, HELD_ROWS, readsAreHeld, INSERT_SLICE, insertInSlices, settleHeldRead, storeEmployees } from './snapshots';
import type { TenantAccess } from './tenant-access';

export interface FetchDirectoryInput {
  syncId: string;
  tenantId: string;
  credentialRef: string;
  /** The config the run uses: its time zone says what day the read is made as of. */
  configVersionId: string;
}

export interface FetchPlatformInput {
  syncId: string;
  tenantId: string;
  /** A targeted run: only the accounts its people may touch, when that is cheaper than listing all (./fetch-platform-targeted.ts). */
  peopleRead?: { configVersionId: string };
}

export function createFetchActivities(db: Db, access: TenantAccess) {
  return {
    /** Reads the directory as of today in the tenant's time zone; says how many people and which day, for the plan to use. */
    async fetchDirectory({ syncId, tenantId, credentialRef, configVersionId }: FetchDirectoryInput): Promise<{ people: number; today: string }> {
      const context = Context.current();
      const resumeAfter = context.info.heartbeatDetails as DirectoryCursor | undefined;
      if (!resumeAfter) {
        await db('directory_snapshots').where({ run_id: syncId }).delete();
        await db('directory_row_errors').where({ run_id: syncId }).delete();
        await forgetSharedRead(db, syncId, 'directory');
      }
      const connector = await asActivity('hris', () => access.hris(tenantId, credentialRef));
      const changes = connector.changes;
      if (!resumeAfter && changes) {
        // Taken before the read, so a change made while it reads is read again by the next incremental run.
        const watermark = await asActivity('hris', () => changes.watermark());
        await db('sync_runs').where({ id: syncId }).update({ watermark });
      }
      const today = await access.today(configVersionId);
      let cursor = resumeAfter;
      // People held until the read ends (./snapshots.ts); a resumed read was already being written.
      let held: Map<string, Employee> | undefined = !resumeAfter && (await readsAreHeld(db, syncId)) ? new Map() : undefined;
      let scan = resumeAfter?.scan ?? -1;
      const write = async () => {
        if (held) await storeEmployees(db, syncId, scan, [...held.values()]);
        held = undefined;
      };
      // While people are held, no cursor is heartbeated: a retry reads from the start.
      await asActivity('hris', () => heartbeatingWhile(() => (held ? undefined : cursor), async () => {
        for await (const page of connector.readDirectory({ today, cursor: resumeAfter })) {
          if (page.scan !== scan) {
            // The connector started over: what an earlier scan stored is stale.
            held?.clear();
            await db('directory_snapshots').where({ run_id: syncId }).andWhere('scan', '<', page.scan).delete();
            await db('directory_row_errors').where({ run_id: syncId }).andWhere('scan', '<', page.scan).delete();
            scan = page.scan;
          }
          // A read with rows it could not use has items to keep, and so its own snapshot.
          if (held && (page.rowErrors?.length || held.size + page.employees.length > HELD_ROWS)) await write();
          if (held) for (const employee of page.employees) held.set(employee.hrisId, employee);
          else await storeEmployees(db, syncId, page.scan, page.employees);
          await storeRowErrors(db, syncId, page);
          cursor = page.cursor;
          context.heartbeat(held ? undefined : cursor);
        }
      }));
      const people = held ? [...held.values()] : undefined;
      const source = people ? await settleHeldRead(db, { syncId, tenantId }, 'directory', people.map((person) => [person.hrisId, JSON.stringify(person)] as const), write) : syncId;
      await trackEndDatesOfRun(db, tenantId, source, today);
      return { people: people?.length ?? (await countRows(db('directory_snapshots').where({ run_id: syncId }))), today };
    },

    async fetchPlatform({ syncId, tenantId, peopleRead }: FetchPlatformInput): Promise<{ accounts: number; groups: number; supportedAttributes: string[] | 'all' }> {
      const context = Context.current();
      const resumeFrom = context.info.heartbeatDetails as number | undefined;
      if (resumeFrom === undefined) {
        await db('platform_snapshots').where({ run_id: syncId }).delete();
        await forgetSharedRead(db, syncId, 'platform');
      }
      const platform = await access.platform(tenantId, syncId);
      const few = peopleRead && resumeFrom === undefined ? await asActivity('platform', () => accountsForPeople(db, access, platform, { syncId, tenantId, ...peopleRead })) : undefined;
      let resumeAt = resumeFrom;
      // A full listing is held until it ends (./snapshots.ts); a resumed one was already being written.
      let held = !few && resumeFrom === undefined && (await readsAreHeld(db, syncId));
      // Pages of 100 are stored ten at a time: one commit per 1,000 accounts, not per page. The
      // heartbeat names the page after the last one stored, so a retry reads the rest again.
      let unsaved: { run_id: string; kind: string; platform_id: string; data: string }[] = [];
      const save = async (next: number | undefined) => {
        await insertInSlices(unsaved, (slice) => db('platform_snapshots').insert(slice).onConflict(['run_id', 'kind', 'platform_id']).merge());
        unsaved = [];
        held = false;
        resumeAt = next;
        context.heartbeat(resumeAt);
      };
      return asActivity('platform', async () => {
        if (few) unsaved = few.map((account) => ({ run_id: syncId, kind: 'account', platform_id: account.id, data: JSON.stringify(account) }));
        await heartbeatingWhile(() => resumeAt, async () => {
          if (few) return save(undefined);
          for await (const page of platform.listAccounts({ startIndex: resumeFrom })) {
            for (const account of page.accounts) unsaved.push({ run_id: syncId, kind: 'account', platform_id: account.id, data: JSON.stringify(account) });
            const spill = held ? unsaved.length > HELD_ROWS : unsaved.length >= INSERT_SLICE || page.nextStartIndex === undefined;
            if (spill) await save(page.nextStartIndex);
          }
          if (!held && unsaved.length > 0) await save(undefined);
        });
        const groups = await heartbeatingWhile(() => resumeAt, () => platform.listGroups());
        const groupRows = groups.map((group) => ({ run_id: syncId, kind: 'group', platform_id: group.id, data: JSON.stringify(group) }));
        const writeGroups = async () => {
          await db('platform_snapshots').where({ run_id: syncId, kind: 'group' }).delete();
          await insertInSlices(groupRows, (slice) => db('platform_snapshots').insert(slice));
        };
        const rows = [...unsaved, ...groupRows];
        let shared = false;
        if (held) {
          const source = await settleHeldRead(db, { syncId, tenantId }, 'platform', rows.map((row) => [`${row.kind}:${row.platform_id}`, row.data] as const), async () => {
            await save(undefined);
            await writeGroups();
          });
          shared = source !== syncId;
        } else await writeGroups();
        const supported = await platform.supportedAttributes();
        const accounts = shared ? rows.length - groupRows.length : await countRows(db('platform_snapshots').where({ run_id: syncId, kind: 'account' }));
        return { accounts, groups: groups.length, supportedAttributes: supported === 'all' ? 'all' : [...supported] };
      });
    },
  };
}
