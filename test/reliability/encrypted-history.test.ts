// What anyone with access to Temporal (its database, its UI, `temporal workflow show`) reads of a
// tenant's workflows without Roster's key: ciphertext. On the real stack, a Humaans tenant taken
// live and then refused by its platform, so its histories hold a config, a run and a failure. The
// raw histories (a client without the codec) hold no tenant name, e-mail, config value, person,
// secret or failure text; through the codec endpoint the same payloads decode; search attributes
// stay in clear and hold ids and stages only; and an encrypted history replays with the codec.
import { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { dataConverter } from '../../common/payloads/data-converter';
import { stages } from '../../common/stages';
import { syncWorkflowId, tenantWorkflowId } from '../../common/workflow-ids';
import { startScimPlatform, type ScimPlatform } from '../activities/platform/scim-platform';
import type { HumaansFake } from '../fakes/humaans';
import { humaansDataset } from '../fakes/humaans-datasets';
import { kickoffConfig } from '../support/fixtures';
import { humaansTenantPastKickoff, type HumaansTenant } from '../support/humaans-tenant';
import { enterKey, takeLive } from '../support/onboarding';
import { payloadsIn, type Payload } from '../support/payloads';
import { encryptionKey, eventually, startTestStack, type TestStack } from '../support/stack';
import { testSecret } from '../replay/record-history';
import { createKeyring } from '../../common/secrets';
import { peopleOf, runsOf } from './history-scan';

let stack: TestStack;
let platform: ScimPlatform;
const fakes: HumaansFake[] = [];
let tenant: HumaansTenant;
let syncIds: string[];
let rawClient: Client;
const today = new Date().toISOString().slice(0, 10);
const contacts = { supportEmail: 'support-desk@initech.example', hrisAdminEmail: 'hris-admin@initech.example' };

beforeAll(async () => {
  platform = await startScimPlatform();
  stack = await startTestStack();
  rawClient = new Client({ connection: stack.client.connection, namespace: 'default' });
  tenant = await humaansTenantPastKickoff(stack, platform, { fillers: 5, prefix: 'sealed', company: 'Initech', contacts, config: kickoffConfig, fakes });
  await enterKey(stack, tenant.id, tenant.hris.token);
  const live = await takeLive(stack, tenant.id);
  // The platform's admin rotated the token: the next run fails, and its failure is in the history.
  platform.server.addTenant(tenant.id, testSecret('rotated'));
  const started = await stack.request('POST', `/api/tenants/${tenant.id}/syncs`, {});
  expect(started.status, started.text).toBe(202);
  await eventually(async () => (await stack.request('GET', `/api/syncs/${started.body.syncId}`)).body.status === 'error', 60_000);
  syncIds = [live.lastSync.id, started.body.syncId];
}, 180_000);

afterAll(async () => {
  await stack?.stop();
  await platform?.stop();
  for (const fake of fakes) await fake.close();
});

/** Every run of the workflow as stored, read without the codec. */
const histories = async (workflowId: string) => (await runsOf(rawClient, workflowId)).map(({ history }) => history);

const workflowIds = () => [tenantWorkflowId(tenant.id), ...syncIds.map(syncWorkflowId)];
const asText = (value: unknown) => JSON.stringify(value, (_key, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : v));

/** Every failure anywhere in a history (activity, child, update, workflow), causes included. */
function failuresIn(value: unknown, into: { message?: string | null; stackTrace?: string | null; encodedAttributes?: Payload | null }[] = []) {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return into;
  for (const [key, child] of Object.entries(value)) {
    if ((key === 'failure' || key === 'cause') && child && typeof child === 'object') into.push(child);
    failuresIn(child, into);
  }
  return into;
}

const toWire = (payload: Payload) => ({
  metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
});
const fromWire = (payload: { metadata: Record<string, string>; data: string }): Payload => ({
  metadata: Object.fromEntries(Object.entries(payload.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(payload.data, 'base64'),
});

async function decodeThroughEndpoint(payloads: Payload[], token: string): Promise<Payload[]> {
  const answer = await stack.request('POST', '/codec/decode', { payloads: payloads.map(toWire) }, token);
  expect(answer.status, answer.text).toBe(200);
  return answer.body.payloads.map(fromWire);
}

it('leaves no tenant name, e-mail, config value, person, secret or failure text in the raw histories', async () => {
  const all = (await Promise.all(workflowIds().map(histories))).flat();
  const failures = all.flatMap((history) => failuresIn(history));
  // The refused platform left failures; each one's text travels encoded, as "Encoded failure".
  expect(failures.length).toBeGreaterThan(0);
  expect(failures.filter((failure) => failure.message !== 'Encoded failure' || failure.stackTrace)).toEqual([]);
  const failureTexts = (await dataConverterOf().payloadCodecs![0]!.decode(failures.flatMap((f) => (f.encodedAttributes ? [f.encodedAttributes] : []))))
    .map((payload) => defaultPayloadConverter.fromPayload<{ message: string }>(payload).message)
    .filter((message) => message.length > 12);
  expect(failureTexts.some((message) => /token|401|rejected/i.test(message))).toBe(true);

  const raw = all.map(asText).join('\n').toLowerCase();
  const forbidden = [`Initech ${tenant.id}`, contacts.supportEmail, contacts.hrisAdminEmail, 'hr@acme.example', 'it@acme.example', 'Contractors', tenant.platformToken, tenant.hris.token, ...failureTexts, ...peopleOf(humaansDataset({ today, fillers: 5 }))];
  expect(forbidden.filter((term) => raw.includes(term.toLowerCase()))).toEqual([]);
  // The control: the histories do carry payloads, all sealed by Roster's codec but two kinds in
  // clear by design, both ids only: search attribute values (their metadata names their type) and
  // the trace context in headers (telemetry/tracing).
  const payloads = all.flatMap((history) => payloadsIn(history));
  expect(payloads.length).toBeGreaterThan(20);
  const clear = payloads.filter((payload) => Buffer.from(payload.metadata?.encoding ?? new Uint8Array()).toString() !== 'binary/encrypted');
  const value = (payload: Payload) => JSON.parse(Buffer.from(payload.data!).toString('utf8'));
  const searchAttribute = (payload: Payload) => payload.metadata?.type !== undefined && [tenant.id, ...stages].includes(value(payload));
  const traceContext = (payload: Payload) => Object.keys(value(payload)).every((key) => ['traceparent', 'tracestate'].includes(key));
  expect(clear.filter((payload) => !searchAttribute(payload) && !traceContext(payload)).map(value)).toEqual([]);
});

it('decodes the same histories through /codec/decode for a viewer, and for nobody else', async () => {
  const viewer = await stack.request('POST', '/api/tokens', { name: `codec-viewer-${tenant.id}`, role: 'viewer' });
  expect(viewer.status, viewer.text).toBe(201);
  const [tenantHistory] = await histories(tenantWorkflowId(tenant.id));
  const payloads = payloadsIn(tenantHistory);
  const decoded = (await decodeThroughEndpoint(payloads, viewer.body.token)).map((payload) => Buffer.from(payload.data!).toString('utf8')).join('\n');
  // The tenant's own workflow, decoded, names its company and contacts: what the raw one hid.
  expect(decoded).toContain(tenant.id);
  expect(decoded).toContain(contacts.supportEmail);
  expect(decoded).toContain('Contractors');

  const anonymous = await stack.request('POST', '/codec/decode', { payloads: payloads.slice(0, 1).map(toWire) }, null);
  expect(anonymous.status).toBe(401);
});

it('keeps search attributes in clear, holding ids and stages only', async () => {
  const tenantRun = await rawClient.workflow.getHandle(tenantWorkflowId(tenant.id)).describe();
  expect(tenantRun.typedSearchAttributes.getAll().map(({ key, value }) => [key.name, value])).toEqual(expect.arrayContaining([['RosterTenantId', tenant.id]]));
  for (const workflowId of workflowIds()) {
    const attributes = (await rawClient.workflow.getHandle(workflowId).describe()).typedSearchAttributes.getAll();
    for (const { key, value } of attributes) {
      if (key.name === 'RosterTenantId') expect(value).toBe(tenant.id);
      else if (key.name === 'RosterStage') expect(stages).toContain(value);
      // Temporal's own, set by the server for worker versioning.
      else if (key.name !== 'BuildIds') expect.fail(`${workflowId} has the search attribute ${key.name}`);
    }
  }
});

it('replays an encrypted history with the codec, and cannot without it', async () => {
  const [history] = await histories(syncWorkflowId(syncIds[1]!));
  const workflowBundle = { codePath: inject('workflowBundlePath') };
  await Worker.runReplayHistory({ workflowBundle, dataConverter: dataConverterOf() }, history!, syncWorkflowId(syncIds[1]!));
  await expect(Worker.runReplayHistory({ workflowBundle }, history!, syncWorkflowId(syncIds[1]!))).rejects.toThrow();
});

function dataConverterOf() {
  return dataConverter(createKeyring(encryptionKey));
}
