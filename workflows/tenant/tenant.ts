// The tenant as support works it, one method per Update (docs/PRODUCT.md "The tenant lifecycle"):
// each records who did what and why, moves the stage as the stage table says, and starts the
// tests and runs that follow. Validators (validators.ts) have already refused what is not allowed;
// an Update whose work fails for good leaves the tenant as it was (undo.ts).
import { uuid4 } from '@temporalio/workflow';
import type { TenantEvent } from '../../activities/tenant-records';
import { describeConfigChanges } from '../../common/tenant-config/changes';
import type { TenantProfile, TenantState } from '../../common/tenant';
import { failureMessage, hrisSetup, loggedFailure, records as activities } from '../activity-profiles';
import type { SyncOutcome } from '../sync-messages';
import type { Actor, ChangeConfigInput, ChangeSettingsInput, GoLiveInput, IssueLinkInput, RequestSyncInput, SendWelcomesInput, SetCredentialInput, TenantSnapshot } from '../tenant-messages';
import { GoLive } from './go-live';
import { TenantChanges } from './changes';
import { TenantLeavers } from './leavers';
import { TenantLinks } from './links';
import { TenantRecords } from './records';
import { TenantRuns, type RunRequest, type StartedRun } from './runs';
import { TenantSchedule } from './schedule';
import { platformTokenRef, replacedSandboxTokenRef, settingsChanges, withSettings } from './settings';
import { undoOnFailure } from './undo';
import { sendWelcomesLater } from './welcomes';

const DAY_MS = 86_400_000;

export class Tenant {
  readonly state: TenantState;
  readonly records: TenantRecords;
  readonly runs: TenantRuns;
  readonly schedule: TenantSchedule;
  readonly changes: TenantChanges;
  readonly leavers: TenantLeavers;
  private readonly links: TenantLinks;
  private readonly goLives: GoLive;
  /** Keys destroyed by this run of the workflow, which an Update that fails must not give back. */
  private readonly destroyedKeys = new Set<string>();

  constructor(readonly profile: TenantProfile, carried?: TenantState) {
    this.state = carried ?? { stage: 'kickoff', revision: 0 };
    this.records = new TenantRecords(profile, this.state);
    this.runs = new TenantRuns(profile, this.state);
    this.schedule = new TenantSchedule(profile.tenantId, this.state);
    this.changes = new TenantChanges(this.state, this.runs, (request) => this.startRun(request));
    this.leavers = new TenantLeavers(profile.tenantId, this.state, this.runs, (request) => this.startRun(request));
    this.links = new TenantLinks(profile);
    this.goLives = new GoLive(this.records, this.schedule);
  }

  changeConfig = this.undo(async ({ config, warnings, ...actor }: ChangeConfigInput) => {
    const { state } = this;
    const changes = describeConfigChanges(state.config, config);
    state.config = config;
    state.configVersionId = uuid4();
    const fields = { changes, configVersion: { id: state.configVersionId, config, warnings } };
    if (this.schedule.exists()) {
      const answer = await this.records.record('config_changed', actor, fields);
      await this.schedule.keep('the config changed');
      return answer;
    }
    if (state.stage !== 'testing' && state.stage !== 'ready') return this.records.record('config_changed', actor, fields);
    // A test must show what the new config does before it can be approved.
    const answer = state.stage === 'ready' ? await this.records.moveTo('testing', 'config_changed', actor, fields) : await this.records.record('config_changed', actor, fields);
    await this.runs.wantTest({ actor: 'system', reason: 'the config changed' });
    return answer;
  });

  changeSettings = this.undo(async ({ actor, reason, ...change }: ChangeSettingsInput) => {
    const { profile } = this;
    const changes = settingsChanges(profile, change);
    if (changes.length === 0) return this.records.snapshot();
    const before = { ...profile };
    const replacedToken = change.platformTokenRef ? platformTokenRef(profile) : undefined;
    const replacedSandboxToken = change.platform ? replacedSandboxTokenRef(profile, change.platform) : undefined;
    Object.assign(profile, withSettings(profile, change));
    let answer: TenantSnapshot;
    try {
      answer = await this.settingsChanged(changes, { actor, reason });
    } catch (error) {
      Object.assign(profile, before);
      throw error;
    }
    // The new token is in use once recorded; a replaced one that cannot be destroyed is only logged: nothing refers to it.
    if (replacedToken) await activities.destroyCredential({ tenantId: profile.tenantId, ref: replacedToken }).catch(loggedFailure('destroying the replaced platform token'));
    if (replacedSandboxToken) await activities.destroyCredential({ tenantId: profile.tenantId, ref: replacedSandboxToken }).catch(loggedFailure("destroying the sandbox's replaced token"));
    return answer;
  });

  completeKickoff = this.undo((actor: Actor) => this.records.moveTo('authorization', 'kickoff_completed', actor));

  issueLink = this.undo(async (input: IssueLinkInput) => {
    await this.links.issued(input);
    const answer = await this.records.record('authorization_link_issued', { actor: input.actor, reason: input.reason });
    if (input.tokenRef) await this.links.mail(input.linkId, input.tokenRef, input.expiresAt);
    return answer;
  });

  setCredential = this.undo(async ({ credentialRef, ...actor }: SetCredentialInput) => {
    const { state } = this;
    const replaced = state.credential?.ref;
    state.credential = { ref: credentialRef, verifiedAt: new Date().toISOString() };
    const credential = { status: 'verified' as const, verifiedAt: state.credential.verifiedAt };
    if (replaced) await this.destroyKey(replaced);
    if (state.stage === 'authorization') {
      const answer = await this.records.moveTo('testing', 'credential_verified', actor, { credential });
      await this.runs.wantTest({ actor: 'system', reason: 'a key was verified' });
      return answer;
    }
    if (state.stage === 'needs_reauthorization') {
      const answer = await this.records.moveTo('live', 'credential_verified', actor, { credential });
      await this.schedule.keep('resumed: a new key was verified');
      void this.keepWebhook();
      return answer;
    }
    const answer = await this.records.record(replaced ? 'credential_replaced' : 'credential_verified', actor, { credential });
    if (state.stage === 'testing') await this.runs.wantTest({ actor: 'system', reason: 'the key was replaced' });
    return answer;
  });

  revokeCredential = this.undo(async (actor: Actor) => {
    if (this.state.activeTrigger === 'test') await this.runs.supersede({ actor: 'system', reason: 'the key was revoked' });
    await this.dropCredential();
    return this.keyGone('credential_revoked', actor, { credential: { status: 'missing' } });
  });

  approveTest = this.undo((actor: Actor) => this.records.moveTo('ready', 'test_approved', actor));

  goLive = this.undo((input: GoLiveInput) => this.goLives.request(input));

  pause = this.undo(async (actor: Actor) => {
    const answer = await this.records.moveTo('paused', 'paused', actor);
    await this.schedule.keep(`paused by ${actor.actor}${actor.reason ? `: ${actor.reason}` : ''}`);
    return answer;
  });

  resume = this.undo(async (actor: Actor) => {
    const answer = await this.records.moveTo('live', 'resumed', actor);
    await this.schedule.keep(`resumed by ${actor.actor}`);
    return answer;
  });

  offboard = this.undo(async (actor: Actor) => {
    if (this.state.stage === 'offboarded') return this.records.snapshot();
    this.state.testWanted = undefined;
    const answer = await this.records.moveTo('offboarded', 'offboarded', actor);
    await this.runs.supersede({ actor: 'system', reason: 'the tenant was offboarded' });
    return answer;
  });

  requestSync = this.undo((request: RequestSyncInput) => this.startRun(request));

  sendWelcomes = this.undo((input: SendWelcomesInput) => sendWelcomesLater(this.records, input));

  /** A fire of the schedule: a run, or a record of why not. A fire that fails is logged (a signal's failure would fail the workflow); the next one tries again. */
  async scheduledFire({ firedAt }: { firedAt: string }): Promise<void> {
    const skip = (reason: string) => this.records.record('scheduled_run_skipped', { actor: 'schedule', reason: `Fired at ${firedAt}: ${reason}` });
    const fire = async () => {
      if (this.state.stage !== 'live') await skip(`the tenant is ${this.state.stage}.`);
      else if (this.state.activeSyncId) await skip(`run ${this.state.activeSyncId} was still open.`);
      else await this.startRun({ trigger: 'schedule', mode: 'apply', actor: 'schedule', read: 'incremental' });
    };
    await fire().catch(loggedFailure('a scheduled fire', { firedAt }));
  }

  /** Runs for the tenant's whole life: each go-live that comes due starts the initial load. */
  async goLiveLoop(): Promise<never> {
    for (;;) {
      const request = await this.goLives.due();
      if (!request) continue;
      request.status = 'loading';
      try {
        const { syncId } = await this.startRun({ trigger: 'initial_load', mode: 'apply', actor: request.requestedBy, inviteNewUsers: request.inviteNewUsers });
        await this.goLives.loading(request, syncId);
      } catch (error) {
        await this.goLives.failed(request, `The initial load could not start: ${failureMessage(error)}`).catch(() => undefined);
      }
    }
  }

  /** Starts the test asked for; one that cannot start is not retried in a loop: the next key or config change asks again. */
  async startWantedTest(): Promise<void> {
    await this.startRun(this.runs.takeWantedTest()).catch(loggedFailure('starting the wanted test'));
  }

  /**
   * A live tenant's HR-system webhook, registered when the HR system can be told (BambooHR) and
   * not yet done; a key that may not do it is recorded once, and the schedule carries on alone.
   * Called on going live and at every reconcile, so a registration cut short is made later.
   */
  async keepWebhook(): Promise<void> {
    const ref = this.state.credential?.ref;
    if (this.state.stage !== 'live' || !ref) return;
    const registration = await hrisSetup.registerHrisWebhook({ tenantId: this.profile.tenantId, credentialRef: ref }).catch(loggedFailure('registering the HR system webhook'));
    if (!registration?.reason || this.state.webhookRefusedFor === ref) return;
    this.state.webhookRefusedFor = ref;
    await this.records.record('webhook_not_registered', { actor: 'system', reason: registration.reason }).catch(loggedFailure('recording the webhook refusal'));
  }

  /** Offboarding's end, once the open run has ended: webhook, schedule, links, keys and data go. */
  async close(): Promise<void> {
    const ref = this.state.credential?.ref;
    this.state.credential = undefined;
    await this.removeWebhook(ref);
    await this.schedule.drop();
    await this.links.revokeAll();
    await activities.destroyTenantData({ tenantId: this.profile.tenantId });
  }

  private async startRun(request: RunRequest): Promise<{ syncId: string }> {
    const run = await this.runs.start(request);
    void this.follow(run);
    return { syncId: run.syncId };
  }

  /** A run's end: the lifecycle acts on it first, its final status is written last. */
  private async follow(run: StartedRun): Promise<void> {
    const outcome = await this.runs.ended(run);
    await this.afterRun(run.syncId, outcome).catch(loggedFailure('reacting to the run end', { syncId: run.syncId }));
    await this.leavers.refresh().catch(loggedFailure("asking when the next leaver's day ends", { syncId: run.syncId }));
    await this.runs.finish(run, outcome, this.hypercare(run.trigger === 'initial_load'));
  }

  /** The initial load's end, and docs/PRODUCT.md's last table row: a run that met a rejected key. */
  private async afterRun(syncId: string, outcome: SyncOutcome): Promise<void> {
    if ((await this.goLives.initialLoadEnded(syncId, outcome)) && this.state.stage === 'live') void this.keepWebhook();
    if (outcome.error?.code !== 'credentials_rejected' || !this.state.credential) return;
    await this.dropCredential();
    await this.keyGone('credential_rejected', { actor: 'system', reason: `The HR system rejected the key during run ${syncId}.` }, { credential: { status: 'rejected' } });
  }

  /** A key revoked or rejected: back to `authorization` before go-live, `needs_reauthorization` when live. */
  private async keyGone(action: string, actor: Actor, fields: Partial<TenantEvent>): Promise<TenantSnapshot> {
    const stage = this.state.stage;
    if (stage === 'testing' || stage === 'ready') return this.records.moveTo('authorization', action, actor, fields);
    if (stage !== 'live') return this.records.record(action, actor, fields);
    // The schedule pauses and the HRIS admin gets a fresh link.
    const answer = await this.records.moveTo('needs_reauthorization', action, actor, fields);
    await this.schedule.keep(`paused: ${action.replace('_', ' ')}`);
    await this.links.sendFresh();
    return answer;
  }

  /**
   * Records new settings. A key was verified with the HR system where it was, and is never sent
   * anywhere else: a change of the HR system's settings forgets it, as a revoke does (the stage
   * table's row). A platform change in `testing` asks for a new test.
   */
  private async settingsChanged(changes: string[], actor: Actor): Promise<TenantSnapshot> {
    const { profile } = this;
    const fields = { changes, settings: { name: profile.name, contacts: profile.contacts, hris: profile.hris, platform: profile.platform } };
    if (changes.some((path) => path.startsWith('hris.')) && this.state.credential) {
      if (this.state.activeTrigger === 'test') await this.runs.supersede({ actor: 'system', reason: "the HR system's settings changed" });
      await this.dropCredential();
      return this.keyGone('settings_changed', actor, { ...fields, credential: { status: 'missing' } });
    }
    const answer = await this.records.record('settings_changed', actor, fields);
    if (this.state.stage === 'testing' && changes.some((path) => path.startsWith('platform.'))) await this.runs.wantTest({ actor: 'system', reason: "the platform's settings changed" });
    return answer;
  }

  /** Every summary also goes to support for the initial load and for `hypercareDays` after go-live. */
  private hypercare(initialLoad: boolean): boolean {
    const { liveSince, config } = this.state;
    return initialLoad || (liveSince !== undefined && Date.now() < Date.parse(liveSince) + (config?.hypercareDays ?? 14) * DAY_MS);
  }

  /** Forgets the key (and destroys it); a test waiting for it is dropped. */
  private async dropCredential(): Promise<void> {
    const ref = this.state.credential?.ref;
    this.state.credential = undefined;
    this.state.testWanted = undefined;
    if (!ref) return;
    await this.removeWebhook(ref);
    await this.destroyKey(ref);
  }

  /** The HR system's webhook goes with the key that made it: removed while the key still works, forgotten in any case. */
  private async removeWebhook(credentialRef: string | undefined): Promise<void> {
    await hrisSetup.removeHrisWebhook({ tenantId: this.profile.tenantId, credentialRef }).catch(loggedFailure('removing the HR system webhook'));
  }

  private async destroyKey(ref: string): Promise<void> {
    this.destroyedKeys.add(ref);
    await activities.destroyCredential({ tenantId: this.profile.tenantId, ref });
  }

  /** An Update handler that leaves the tenant as it was when its work fails for good (undo.ts). */
  private undo<A extends unknown[], R>(handler: (...args: A) => Promise<R>) {
    return (...args: A) => undoOnFailure(this.state, this.destroyedKeys, () => handler(...args));
  }
}
