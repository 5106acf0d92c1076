// All activities, built from injected dependencies (samples-typescript, activities-dependency-injection).
import type { Db } from '../common/db';
import type { SecretStore } from '../common/secrets';
import { createAuthorizationLinkActivities } from './authorization-links';
import { createHealthActivities } from './health/activities';
import { hrisReadsNoted } from './health/read-failure';
import { createWebhookRegistrationActivities } from './hris/webhook-registration';
import { createNotifyActivities } from './notify/activities';
import type { Mailer } from './notify';
import { createApplyActivities } from './sync/apply-run';
import { createEndDateActivities } from './sync/end-dates';
import { createFetchActivities } from './sync/fetch';
import { createPlanActivities } from './sync/plan-run';
import { createReadChangesActivities } from './sync/read-changes';
import { createReadTargetedActivities } from './sync/read-targeted';
import { createReportActivities } from './sync/report';
import { createRunRecordActivities } from './sync/run-records';
import { createTenantAccess, type DemoPlatformAccess } from './sync/tenant-access';
import { createScheduleActivities, type ScheduleDeps } from './schedules';
import { createTenantDataActivities } from './tenant-data';
import { createTenantRecordActivities } from './tenant-records';

export interface ActivityDeps {
  db: Db;
  secrets: SecretStore;
  /** ROSTER_ALLOW_PRIVATE_URLS: whether tenants' systems may be on loopback or private addresses. */
  allowPrivateUrls: boolean;
  /** The embedded default's demo platform, when this worker runs beside it. */
  demoPlatform?: DemoPlatformAccess;
  /** ROSTER_SHARED_RATE_LIMITS: requests a second by host, for all tenants together. */
  sharedRateLimits?: Readonly<Record<string, number>>;
  approvalTimeoutHours?: number;
  /** ROSTER_WEBHOOK_WINDOW_SECONDS: how long webhook events are collected before their run. */
  webhookWindowSeconds?: number;
  retentionDays?: number;
  mailer: Mailer;
  /** Base of the links Roster e-mails (ROSTER_PUBLIC_URL). */
  publicUrl: string;
  /** ROSTER_SUPPORT_EMAIL: told of every tenant's problems and sent the daily digest (activities/health/). */
  supportEmail?: string;
  /** The Temporal client and task queue the tenants' schedules start their runs on. */
  schedules: ScheduleDeps;
}

export function createActivities(deps: ActivityDeps) {
  const access = createTenantAccess(deps);
  return {
    ...createTenantRecordActivities(deps.db),
    ...createTenantDataActivities(deps.db),
    ...createScheduleActivities(deps.schedules),
    ...createRunRecordActivities(deps.db, { approvalTimeoutHours: deps.approvalTimeoutHours ?? 72, webhookWindowSeconds: deps.webhookWindowSeconds ?? 30, retentionDays: deps.retentionDays ?? 30, health: { publicUrl: deps.publicUrl, supportEmail: deps.supportEmail } }),
    ...hrisReadsNoted(deps.db, { ...createFetchActivities(deps.db, access), ...createReadChangesActivities(deps.db, access), ...createReadTargetedActivities(deps.db, access) }),
    ...createPlanActivities(deps.db, access),
    ...createEndDateActivities(deps.db, access),
    ...createApplyActivities(deps.db, access),
    ...createReportActivities(deps.db),
    ...createWebhookRegistrationActivities({ db: deps.db, secrets: deps.secrets, publicUrl: deps.publicUrl, network: { allowPrivateUrls: deps.allowPrivateUrls } }),
    ...createNotifyActivities(deps),
    ...createAuthorizationLinkActivities(deps),
    ...createHealthActivities({ db: deps.db, client: deps.schedules.client, publicUrl: deps.publicUrl, supportEmail: deps.supportEmail }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
