// What the Temporal UI's workflow list and a workflow's page say about each workflow, so that an
// on-call engineer knows what `sync-<uuid>` is without opening it. Ids, words and counts only:
// like everything in a workflow's history, they hold no person's or customer's data.
import { modeLabels, phaseLabels, progressText, scopeLabels, triggerLabels } from '../common/run-words';
import type { ReadMode, RunScopeKind, SyncMode, SyncPhase, SyncTrigger } from '../common/sync-run';

export interface RunDescription {
  tenantId: string;
  trigger: SyncTrigger;
  mode: SyncMode;
  read?: ReadMode;
  scope?: RunScopeKind;
  actor: string;
}

/** The workflow list's one line: "On demand run of acme". */
export const runSummary = ({ tenantId, trigger }: Pick<RunDescription, 'tenantId' | 'trigger'>) => `${triggerLabels[trigger]} run of ${tenantId}`;

/** The run's page, in the UI's markdown. */
const readWords = ({ read, scope }: Pick<RunDescription, 'read' | 'scope'>) => (scope ? scopeLabels[scope] : read === 'incremental' ? 'only who changed' : 'the whole directory');

export const runDetails = ({ tenantId, trigger, mode, read, scope, actor }: RunDescription) =>
  [`**Tenant** ${tenantId}`, `**Trigger** ${triggerLabels[trigger]}`, `**Mode** ${modeLabels[mode]}`, `**Read** ${readWords({ read, scope })}`, `**Asked by** ${actor}`].join('  \n');

/** Where the run is now: "Applying: 120 of 1300 items". */
export const runCurrentDetails = (phase: SyncPhase, progress: { done: number; total: number }) =>
  phase === 'applying' ? `${phaseLabels[phase]}: ${progressText(progress.done, progress.total)}` : phaseLabels[phase];

/** The schedule's runs, each a short-lived workflow that signals the tenant's. */
export const scheduledFireSummary = (tenantId: string) => `Scheduled run of ${tenantId}: asks the tenant workflow to start it`;
