// Timing changes through to the platform (BENCHMARKS.md, "Webhooks"): each change is written to the
// demo HRIS, announced by a Standard Webhooks event as a customer's script would send it, and timed
// until the platform's account shows it; one-person syncs are timed from the request to the answer
// with its trace.
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { Db } from '../../common/db';
import type { ScimTenant } from '../../dev/scim-server';

/** The API as the bench calls it: answers' bodies as JSON, checked by the caller. */
export type BenchApi = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: Record<string, unknown> & { status?: string } }>;

/** The person's title in the HR system (the demo HRIS's row), as an HR admin's edit leaves it. */
export async function retitle(db: Db, tenantId: string, hrisId: string, title: string): Promise<void> {
  await db('demo_people').where({ tenant_id: tenantId, hris_id: hrisId }).update({ data: db.raw(`jsonb_set(data, '{position}', ?::jsonb)`, [JSON.stringify(title)]), updated_at: db.fn.now() });
}

/** Resolves with the time at which the platform's account shows the title, polling every `everyMs`. */
async function shownAt(scim: ScimTenant, hrisId: string, title: string, timeoutMs: number, everyMs = 20): Promise<number> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (scim.directory.usersByExternalId(hrisId)[0]?.title === title) return Date.now();
    if (Date.now() > until) throw new Error(`The platform did not show ${hrisId}'s new title within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** A sender of the tenant's standard source, signing as the Standard Webhooks libraries do. */
export function webhookSender(url: string, secret: string) {
  const signer = new Webhook(secret);
  return async (ids: string[]) => {
    const id = `msg_${randomUUID()}`;
    const at = new Date();
    const body = JSON.stringify({ type: 'people.changed', data: { ids } });
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signer.sign(id, at, body) }, body });
    if (response.status !== 202) throw new Error(`The webhook was answered ${response.status}: ${await response.text()}`);
  };
}

/** `count` changes, one every `everyMs`, each timed from the HR system's edit to the platform showing it (ms). */
export async function changeLatencies(db: Db, scim: ScimTenant, tenantId: string, people: readonly string[], send: (ids: string[]) => Promise<void>, count: number, everyMs: number): Promise<number[]> {
  const timings: Promise<number>[] = [];
  for (let n = 0; n < count; n += 1) {
    const hrisId = people[n % people.length]!;
    const title = `Webhook title ${n}`;
    const changedAt = Date.now();
    await retitle(db, tenantId, hrisId, title);
    await send([hrisId]);
    timings.push(shownAt(scim, hrisId, title, 120_000).then((at) => at - changedAt));
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return Promise.all(timings);
}

/** `count` one-person syncs in a row, each a change then POST …/people/:hrisId/sync, timed to its answer (ms). */
export async function personSyncLatencies(db: Db, api: BenchApi, tenantId: string, people: readonly string[], count: number): Promise<number[]> {
  const timings: number[] = [];
  for (let n = 0; n < count; n += 1) {
    const hrisId = people[people.length - 1 - (n % people.length)]!;
    await retitle(db, tenantId, hrisId, `Synced now ${n}`);
    const started = Date.now();
    const answer = await api('POST', `/api/tenants/${tenantId}/people/${hrisId}/sync`, {});
    timings.push(Date.now() - started);
    if (answer.status !== 200 || answer.body.status !== 'success') throw new Error(`A one-person sync answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
  }
  return timings;
}

/** The p-th percentile (0–100) of some timings, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
