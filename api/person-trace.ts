// One person's way through one run, step by step in support's words (docs/API.md "One person
// now"): read from the HR system, in or out of scope, matched to which account by which rule, the
// planned action with each field's before → after, and the result of each write. Built only from
// what the run stored: its row, its directory and platform snapshots, its plan items.
import { z } from 'zod';
import { localDate } from '../activities/hris/dates';
import type { Employee } from '../common/directory';
import type { Db } from '../common/db';
import { itemActions, type PlanItemRow, type RunError, type SyncStatus } from '../common/sync-run';
import { SKIP_REASONS, type GroupPlanItem, type MatchRule, type PlanItem } from '../activities/sync/core';
import { accountChanges, accountFields, mode, runStatus, type SyncRunRow } from './sync-view';

const steps = ['read', 'scope', 'match', 'plan', 'write'] as const;
export const traceOutcomes = ['found', 'not_found', 'in_scope', 'out_of_scope', 'matched', 'new_account', 'no_account', 'blocked', 'planned', 'unchanged', 'done', 'failed', 'not_applied', 'pending', 'nothing_to_write'] as const;
export type TraceOutcome = (typeof traceOutcomes)[number];
const matchRules = ['link', 'relink', 'external_id', 'adopt'] as const satisfies readonly MatchRule[];
const itemResults = ['done', 'failed', 'pending'] as const;

export const traceStepSchema = z
  .object({
    step: z.enum(steps),
    outcome: z.enum(traceOutcomes),
    detail: z.string().meta({ description: 'What happened, in a sentence.' }),
    today: z.iso.date().optional().meta({ description: "read: the tenant's date the run read as of." }),
    person: z.object({ status: z.string(), startDate: z.string().optional(), endDate: z.string().optional() }).optional().meta({ description: 'read: the employment as the HR system gave it.' }),
    reasonCode: z.string().optional().meta({ description: 'scope, match: why the person is out of scope or blocked.' }),
    account: z.object({ id: z.string(), userName: z.string().nullable() }).optional().meta({ description: 'match: the platform account.' }),
    matchedBy: z.enum(matchRules).optional().meta({ description: "match: Roster's link, a rehire's link moved, the external id, or the identity key (adopted at the initial load)." }),
    action: z.enum(itemActions).optional(),
    changes: accountChanges.optional(),
    fields: accountFields.optional(),
    managerHrisId: z.string().optional().meta({ description: "plan: the manager whose account becomes the person's `manager` once it exists." }),
    groups: z.array(z.object({ name: z.string(), change: z.enum(['add', 'remove']) })).optional().meta({ description: "plan: the groups the person joins or leaves." }),
    writes: z
      .array(z.object({ kind: z.enum(['account', 'manager', 'group']), name: z.string().optional(), result: z.enum(itemResults), code: z.string().optional(), message: z.string().optional() }))
      .optional()
      .meta({ description: "write: each write's result; a failure with the platform's code and message." }),
  })
  .meta({ id: 'PersonTraceStep' });
export type TraceStep = z.output<typeof traceStepSchema>;

export const personTraceSchema = z
  .object({ syncId: z.string(), status: runStatus, mode, trace: z.array(traceStepSchema).meta({ description: 'In order: read, scope, match, plan, write; a trace ends early where the person does.' }) })
  .meta({ id: 'PersonTrace' });
export type PersonTrace = z.output<typeof personTraceSchema>;

/** A run as the trace reads it; the API's own wait may know its end before its row does. */
export type TracedRun = Pick<SyncRunRow, 'id' | 'mode' | 'status' | 'phase' | 'error' | 'started_at'> & { scope: string | null; config_version_id: string | null };

const ruleWords: Record<MatchRule, string> = {
  link: "by Roster's link to this person",
  relink: 'by the user name: a rehire takes back the account of the record that left',
  external_id: 'by its external id, which Roster wrote when it created the account',
  adopt: "by the identity key: the initial load adopts an existing account with the person's user name",
};

const planWords: Record<PlanItem['action'], string> = {
  create: 'Create the account below.',
  update: 'Update the fields below.',
  reactivate: 'Reactivate the account and update the fields below.',
  deactivate: 'Deactivate the account.',
  anonymise: 'Replace the profile with neutral values: the person left long enough ago.',
  unchanged: 'Nothing to change: the account already has these values.',
  exclude: 'Nothing to do for someone out of scope without an active account.',
  skip: 'Nothing until the problem above is fixed.',
};

const outOfScope = new Set(['left', 'terminated', 'out_of_scope']);
const blocked: ReadonlySet<string> = new Set(SKIP_REASONS);

async function todayOf(db: Db, run: TracedRun): Promise<string | undefined> {
  if (!run.config_version_id) return undefined;
  const row = await db('tenant_config_versions').where({ id: run.config_version_id }).first('config');
  const timeZone: string | undefined = row?.config?.schedule?.timezone;
  return timeZone ? localDate(timeZone, run.started_at) : undefined;
}

function readStep(employee: Employee | undefined, item: PlanItem | undefined, targeted: boolean, today: string | undefined): TraceStep {
  const asOf = today ? ` as of ${today}` : '';
  if (employee) {
    const { status, startDate, endDate } = employee;
    const dates = [startDate && `started ${startDate}`, endDate && `employment ends ${endDate}`].filter(Boolean).join(', ');
    const person = { status, ...(startDate && { startDate }), ...(endDate && { endDate }) };
    return { step: 'read', outcome: 'found', detail: `Found in the HR system${asOf}: ${status}${dates ? `, ${dates}` : ''}.`, ...(today && { today }), person };
  }
  if (item && item.reasonCode !== 'missing_from_directory') return { step: 'read', outcome: 'found', detail: 'Read by this run; its copy of the HR record is no longer kept.', ...(today && { today }) };
  const detail = targeted
    ? 'The HR system no longer has this person: a targeted run never deactivates by absence; the next full run decides.'
    : "Not in the directory this full run read: Roster's account for someone gone from the directory is deactivated.";
  return { step: 'read', outcome: 'not_found', detail, ...(today && { today }) };
}

function scopeStep(item: PlanItem): TraceStep {
  const code = item.reasonCode;
  if (code && outOfScope.has(code)) return { step: 'scope', outcome: 'out_of_scope', detail: `Out of scope: ${item.reason ?? code}`, reasonCode: code };
  return { step: 'scope', outcome: 'in_scope', detail: "In scope: the tenant's include filter takes them." };
}

function matchStep(item: PlanItem, userName: string | null): TraceStep {
  if (item.action === 'skip' && item.reasonCode && blocked.has(item.reasonCode)) return { step: 'match', outcome: 'blocked', detail: `Not matched: ${item.reason ?? item.reasonCode}`, reasonCode: item.reasonCode };
  if (item.action === 'create') return { step: 'match', outcome: 'new_account', detail: "No platform account matches: neither Roster's link, the external id nor the user name finds one, so the run creates it." };
  if (!item.accountId) return { step: 'match', outcome: 'no_account', detail: 'Roster manages no account for this person.' };
  const rule = item.matchedBy ?? 'link';
  const account = { id: item.accountId, userName };
  return { step: 'match', outcome: 'matched', detail: `Platform account ${item.accountId}${userName ? ` (${userName})` : ''}, ${ruleWords[rule]}.`, account, matchedBy: rule };
}

function planStep(item: PlanItem, managerHrisId: string | undefined, groups: GroupPlanItem[]): TraceStep {
  const outcome: TraceOutcome = item.action === 'skip' ? 'blocked' : item.action === 'unchanged' || item.action === 'exclude' ? 'unchanged' : 'planned';
  const memberships = groups.map((group) => ({ name: group.displayName, change: group.add.some((member) => member.hrisId === item.hrisId) ? ('add' as const) : ('remove' as const) }));
  const withReason = item.action === 'deactivate' && item.reason ? `Deactivate the account: ${item.reason}` : planWords[item.action];
  const joins = memberships.length > 0 ? ` Groups: ${memberships.map((group) => `${group.change === 'add' ? 'joins' : 'leaves'} ${group.name}`).join(', ')}.` : '';
  return {
    step: 'plan',
    outcome,
    detail: `${withReason}${joins}`,
    action: item.action,
    ...(item.changes && { changes: item.changes }),
    ...(item.fields && { fields: item.fields }),
    ...(managerHrisId !== undefined && { managerHrisId }),
    ...(memberships.length > 0 && { groups: memberships }),
  };
}

/** The run's state for writes still pending: why they were not, or are not yet, made. */
function notWritten(run: TracedRun): Pick<TraceStep, 'outcome' | 'detail'> {
  if (run.mode === 'dry_run') return { outcome: 'not_applied', detail: 'A dry run: nothing was written.' };
  if (run.status === 'awaiting_approval') return { outcome: 'not_applied', detail: 'The run is held for approval: nothing is written until support approves it.' };
  if (run.status === 'running') return { outcome: 'pending', detail: `Not written yet: the run is ${run.phase.replace('_', ' ')}.` };
  return { outcome: 'not_applied', detail: `Not applied: the run ended ${run.status}${run.error ? ` (${run.error.message})` : ''}.` };
}

type Write = NonNullable<TraceStep['writes']>[number];

function writeStep(run: TracedRun, rows: PlanItemRow[]): TraceStep {
  // Unchanged, excluded and skipped items are done when planned: nothing is written for them.
  const written = rows.filter((row) => row.result !== 'done' || row.applied_at !== null);
  if (written.length === 0) return { step: 'write', outcome: 'nothing_to_write', detail: 'Nothing to write.' };
  const writes = written.map(
    (row): Write => ({
      kind: row.kind,
      ...(row.kind === 'group' && row.name !== null && { name: row.name }),
      result: row.result,
      ...(row.result_code !== null && { code: row.result_code }),
      ...(row.result_message !== null && { message: row.result_message }),
    }),
  );
  const failed = writes.find((write) => write.result === 'failed');
  if (failed) return { step: 'write', outcome: 'failed', detail: `The platform refused a write: ${failed.code ?? 'failed'}: ${failed.message ?? ''}`.trim(), writes };
  if (writes.some((write) => write.result === 'pending')) return { step: 'write', ...notWritten(run), writes };
  return { step: 'write', outcome: 'done', detail: 'Written to the platform.', writes };
}

/**
 * The trace of one person in one run; undefined when the run neither read nor planned them. A run
 * for this one person (`lookedFor`) that the HR system gave nobody says they were not found.
 */
export async function personTrace(db: Db, run: TracedRun & { status: SyncStatus; error: RunError | null }, hrisId: string, lookedFor = false): Promise<PersonTrace | undefined> {
  const [snapshot, rows, today] = await Promise.all([
    db('directory_snapshots').where({ run_id: run.id, hris_id: hrisId }).first('data'),
    db<PlanItemRow>('plan_items').where({ run_id: run.id, hris_id: hrisId }).whereIn('kind', ['account', 'manager']).orderBy('seq'),
    todayOf(db, run),
  ]);
  const employee = snapshot?.data as Employee | undefined;
  const accountRow = rows.find((row) => row.kind === 'account');
  const item = accountRow?.item as PlanItem | undefined;
  const targeted = run.scope !== null;
  if (!employee && !item && !lookedFor) return undefined;
  const answer = (trace: TraceStep[]): PersonTrace => ({ syncId: run.id, status: run.status, mode: run.mode, trace });
  const read = readStep(employee, item, targeted, today);
  if (!item || !accountRow) return answer([read]);

  // The apply step records a created account's id on its row.
  const accountId = accountRow.account_id ?? undefined;
  const [platformAccount, groupRows] = await Promise.all([
    accountId ? db('platform_snapshots').where({ run_id: run.id, kind: 'account', platform_id: accountId }).first('data') : undefined,
    db<PlanItemRow>('plan_items')
      .where({ run_id: run.id, kind: 'group' })
      .where((member) => {
        member.whereRaw(`item->'add' @> ?::jsonb`, [JSON.stringify([{ hrisId }])]);
        if (accountId) member.orWhereRaw(`item->'remove' @> ?::jsonb`, [JSON.stringify([accountId])]);
      })
      .orderBy('seq'),
  ]);
  const userName = (platformAccount?.data?.userName as string | undefined) ?? item.changes?.userName?.from ?? item.identityKey ?? null;
  const managerRow = rows.find((row) => row.kind === 'manager');
  const managerHrisId = (managerRow?.item as PlanItem | undefined)?.managerHrisId;
  const groups = groupRows.map((row) => row.item as unknown as GroupPlanItem);
  const trace = [read];
  if (item.reasonCode !== 'missing_from_directory') trace.push(scopeStep(item));
  trace.push(matchStep(item, item.action === 'create' ? null : userName), planStep(item, managerHrisId, groups), writeStep(run, [accountRow, ...(managerRow ? [managerRow] : []), ...groupRows]));
  return answer(trace);
}

/** Whether the run looked for one person only and the HR system gave it nobody: the trace of whom it looked for says "not found". */
export async function foundNobody(db: Db, run: Pick<TracedRun, 'id' | 'scope'>): Promise<boolean> {
  if (run.scope !== 'person') return false;
  return !(await db('directory_snapshots').where({ run_id: run.id }).first('hris_id'));
}
