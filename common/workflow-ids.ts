// Every id Roster gives a workflow or a schedule (docs/TEMPORAL.md "Workflow ids and search
// attributes"), built here only: the workflows, the activities and the API all name them alike.

/** The tenant workflow: the tenant's whole life. */
export const tenantWorkflowId = (tenantId: string): string => `tenant-${tenantId}`;

/** One sync run, a child of the tenant workflow (`syncId` a UUID the tenant workflow made). */
export const syncWorkflowId = (syncId: string): string => `sync-${syncId}`;

/** The tenant's Temporal Schedule (a schedule id, not a workflow's). */
export const tenantScheduleId = (tenantId: string): string => `schedule-${tenantId}`;

/** What the schedule starts at each fire: the tiny workflow that asks the tenant workflow for a run. */
export const scheduledRunWorkflowId = (tenantId: string): string => `scheduled-run-${tenantId}`;

/** Tenant health's hourly sweep and daily digest (workflows/tenant-health.ts): one schedule each for the whole of Roster. */
export const healthSweepScheduleId = 'roster-health-sweep';
export const healthDigestScheduleId = 'roster-health-digest';
