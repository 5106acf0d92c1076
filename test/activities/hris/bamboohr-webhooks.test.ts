// BambooHR's webhook API through the connector's client (activities/hris/bamboohr/webhooks.ts),
// against the fake: registering answers the private key once, removing is idempotent, a key that
// may not manage webhooks is a typed refusal; and the fake, once a webhook is registered, posts
// each monitored change signed as BambooHR signs, which the receiving source verifies.
import type { Server } from 'node:http';
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bambooHrWebhooks, WebhooksNotAllowed } from '../../../activities/hris/bamboohr/webhooks';
import { bamboohrSource } from '../../../api/webhooks/sources/bamboohr';
import { bambooDataset, ID } from '../../fakes/bamboohr-datasets';
import { startBambooHrFake, type BambooFake } from '../../fakes/bamboohr';

const today = '2030-06-15';

let fake: BambooFake;
let receiver: Server;
let received: { body: Buffer; headers: Record<string, string | string[] | undefined> }[];
let receiverUrl: string;

beforeEach(async () => {
  fake = await startBambooHrFake({ dataset: bambooDataset({ today }) });
  received = [];
  const app = express();
  app.post('/hook', express.raw({ type: () => true }), (req, res) => {
    received.push({ body: req.body as Buffer, headers: req.headers });
    res.status(202).end();
  });
  receiver = await new Promise<Server>((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
  receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
});
afterEach(async () => {
  await fake.close();
  await new Promise((resolve) => receiver.close(resolve));
});

const api = () => bambooHrWebhooks({ apiKey: fake.apiKey, subdomain: fake.subdomain, baseUrl: fake.url, http: { fetch: fake.fetch, sleep: async () => {} } });
const registration = () => ({ url: receiverUrl, name: 'Roster', monitorFields: ['jobTitle', 'status', 'terminationDate'] });
const asRequest = ({ body, headers }: (typeof received)[number]) => ({ body, header: (name: string) => headers[name.toLowerCase()] as string | undefined });

describe("BambooHR's webhook API", () => {
  it('registers a webhook with the documented fields and answers its id and private key', async () => {
    const { remoteId, privateKey } = await api().registerWebhook(registration());
    expect(privateKey).toMatch(/^[0-9a-f]{64}$/);
    const [call] = fake.calls('/webhooks');
    expect(call).toMatchObject({ method: 'POST', keyMatched: true, status: 201 });
    expect(fake.webhooks.webhooks.get(remoteId)).toMatchObject({ url: receiverUrl, name: 'Roster', monitorFields: ['jobTitle', 'status', 'terminationDate'], postFields: { jobTitle: 'jobTitle', status: 'status', terminationDate: 'terminationDate' } });
  });

  it('removes a webhook, and counts one BambooHR no longer has as removed', async () => {
    const { remoteId } = await api().registerWebhook(registration());
    await api().removeWebhook(remoteId);
    expect(fake.webhooks.webhooks.size).toBe(0);
    await expect(api().removeWebhook(remoteId)).resolves.toBeUndefined();
    expect(fake.calls(`/webhooks/${remoteId}`).map((call) => call.status)).toEqual([200, 404]);
  });

  it('answers a 403 as WebhooksNotAllowed, once, not retried', async () => {
    fake.faults.refuseWebhooks = true;
    const refused = await api().registerWebhook(registration()).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(WebhooksNotAllowed);
    expect(refused).toMatchObject({ code: 'insufficient_scope', retryable: false, details: { status: 403 } });
    await expect(api().removeWebhook('1')).rejects.toBeInstanceOf(WebhooksNotAllowed);
    expect(fake.calls('/webhooks')).toHaveLength(1);
  });
});

describe("the fake's sending", () => {
  it('posts a monitored change, signed as BambooHR signs, in the documented payload', async () => {
    const { privateKey } = await api().registerWebhook(registration());
    fake.change(ID.active, { jobTitle: 'Staff Engineer' });
    const deliveries = await fake.webhooks.settled();
    expect(deliveries).toEqual([expect.objectContaining({ employeeId: ID.active, action: 'Updated', changedFields: ['jobTitle'], status: 202 })]);
    const [request] = received;
    expect(bamboohrSource.verify(asRequest(request!), privateKey)).toBe(true);
    expect(bamboohrSource.verify(asRequest(request!), 'another key')).toBe(false);
    expect(Math.abs(bamboohrSource.signedAt!(asRequest(request!))! - Date.now() / 1000)).toBeLessThan(60);
    expect(JSON.parse(request!.body.toString())).toEqual({
      employees: [{ id: ID.active, action: 'Updated', changedFields: ['jobTitle'], fields: { jobTitle: 'Staff Engineer', status: 'Active', terminationDate: null }, timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0000$/) }],
    });
    expect(bamboohrSource.read(asRequest(request!))).toEqual({ eventId: expect.stringMatching(/^[0-9a-f]{64}$/), hrisIds: [ID.active] });
  });

  it('posts hires, terminations and removals, and nothing for a change to a field no webhook monitors', async () => {
    await api().registerWebhook(registration());
    fake.change(ID.active, { department: 'Sales' });
    const hired = fake.hire({ firstName: 'Nell', lastName: 'Newhire' });
    fake.terminate(ID.active, today);
    fake.remove(ID.preferred);
    const deliveries = await fake.webhooks.settled();
    expect(deliveries.map(({ employeeId, action }) => [employeeId, action])).toEqual([
      [hired.id, 'Created'],
      [ID.active, 'Updated'],
      [ID.preferred, 'Deleted'],
    ]);
    expect(deliveries[1]!.changedFields).toEqual(expect.arrayContaining(['terminationDate']));
    expect(received).toHaveLength(3);
  });

  it('sends nothing once the webhook is removed', async () => {
    const { remoteId } = await api().registerWebhook(registration());
    await api().removeWebhook(remoteId);
    fake.change(ID.active, { jobTitle: 'Principal' });
    expect(await fake.webhooks.settled()).toEqual([]);
  });
});
