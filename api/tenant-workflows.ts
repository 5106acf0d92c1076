// The API's side of the tenant workflow: starting it exactly once, and sending it updates whose
// refusals become 409s.
import { randomUUID } from 'node:crypto';
import {
  isGrpcServiceError,
  ServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
  type Client,
  type WorkflowHandle,
} from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Db } from '../common/db';
import type { SecretKind, SecretStore } from '../common/secrets';
import { RosterStage, RosterTenantId } from '../common/search-attributes';
import { allows, refusal, type Operation, type Stage } from '../common/stages';
import { tenantWorkflowId } from '../common/workflow-ids';
import type { TenantProfile } from '../common/tenant';
import { markWorkflowStarted, tenantsWithoutWorkflow, type TenantRow } from '../common/tenants-repository';
import { tenantWorkflow } from '../workflows';
import { refusalCodes } from '../workflows/tenant-messages';
import { ApiError, updateRefusal } from './errors';

export interface TenantWorkflows {
  ensureStarted(row: TenantRow): Promise<void>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- mirrors the SDK's own signature
  update<Ret, Args extends [any, ...any[]]>(row: TenantRow, definition: UpdateDefinition<Ret, Args>, ...args: Args): Promise<Ret>;
}

/** The stage table's operation behind each tenant update, for refusals answered without the workflow. */
const operationOf: Record<string, Operation> = {
  changeConfig: 'change_config',
  completeKickoff: 'complete_kickoff',
  issueAuthorizationLink: 'authorize',
  setCredential: 'authorize',
  revokeCredential: 'revoke_key',
  approveTest: 'approve_test',
  goLive: 'go_live',
  requestSync: 'sync',
  pause: 'pause',
  resume: 'resume',
  sendWelcomes: 'send_welcomes',
};

const FAILED_PRECONDITION = 9;
const UPDATE_ATTEMPTS = 3;

/**
 * Sends an update, again if the workflow task that carried it failed: Temporal then answers
 * FAILED_PRECONDITION (e.g. the task was failed as UnhandledCommand because an activity result
 * arrived meanwhile). Such an update never ran, and its one update id makes a repeat harmless.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- mirrors the SDK's own signature
export async function executeUpdate<Ret, Args extends [any, ...any[]]>(handle: WorkflowHandle, definition: UpdateDefinition<Ret, Args>, args: Args): Promise<Ret> {
  const updateId = randomUUID();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await handle.executeUpdate(definition, { args, updateId });
    } catch (error) {
      const taskFailed = error instanceof ServiceError && isGrpcServiceError(error.cause) && error.cause.code === FAILED_PRECONDITION;
      if (!taskFailed || attempt === UPDATE_ATTEMPTS) throw error;
    }
  }
}

/** What the stage table refuses, answered from the projection before anything is asked or sealed. */
export function refuseUnlessAllowed(stage: Stage, operation: Operation): void {
  if (!allows(stage, operation)) throw new ApiError(409, 'invalid_transition', refusal(stage, operation));
}

export function profileOf(row: TenantRow): TenantProfile {
  return { tenantId: row.id, name: row.name, hris: row.hris, platform: row.platform, contacts: row.contacts };
}

export function createTenantWorkflows(db: Db, client: Client, taskQueue: string): TenantWorkflows {
  const ensureStarted = async (row: TenantRow) => {
    if (row.workflow_started) return;
    try {
      await client.workflow.start(tenantWorkflow, {
        workflowId: tenantWorkflowId(row.id),
        taskQueue,
        args: [{ profile: profileOf(row) }],
        // The id is derived from the tenant id: a retried or repaired start finds the same workflow.
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
        // Its workflow tasks queue fairly by tenant too, and continue-as-new keeps the key.
        priority: { fairnessKey: row.id },
        typedSearchAttributes: [
          { key: RosterTenantId, value: row.id },
          { key: RosterStage, value: row.stage },
        ],
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    await markWorkflowStarted(db, row.id);
    row.workflow_started = true;
  };

  return {
    ensureStarted,
    async update(row, definition, ...args) {
      // An offboarded tenant's workflow has completed: Postgres answers for it.
      if (row.stage === 'offboarded') throw new ApiError(409, 'invalid_transition', refusal('offboarded', operationOf[definition.name] ?? 'change_config'));
      await ensureStarted(row);
      try {
        return await executeUpdate(client.workflow.getHandle(tenantWorkflowId(row.id)), definition, args);
      } catch (error) {
        throw updateRefusal(error, refusalCodes) ?? error;
      }
    },
  };
}

/**
 * Seals a secret and hands its reference to the tenant workflow with `send`. A refusal (an
 * ApiError) is final, so the sealed value is destroyed at once; after any other failure the
 * workflow may hold the reference, so it stays.
 */
export async function sendSealed<T>(secrets: SecretStore, tenantId: string, kind: SecretKind, plaintext: string, send: (ref: string) => Promise<T>): Promise<T> {
  const ref = await secrets.put(tenantId, kind, plaintext);
  try {
    return await send(ref);
  } catch (error) {
    if (error instanceof ApiError) await secrets.delete(ref);
    throw error;
  }
}

/** Starts the workflow of any tenant whose create stopped between its row and its workflow. */
export async function startMissingWorkflows(db: Db, workflows: TenantWorkflows): Promise<number> {
  const rows = await tenantsWithoutWorkflow(db);
  for (const row of rows) await workflows.ensureStarted(row);
  return rows.length;
}
