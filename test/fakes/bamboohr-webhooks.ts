// The BambooHR fake's permissioned webhooks (docs/CONNECTORS.md "BambooHR", "Webhooks"): the API
// that registers and removes them, and the sending. When a test changes, hires, terminates or
// removes someone, each webhook that monitors a changed field (any webhook, for a hire or a
// removal) is posted the documented JSON payload, signed as BambooHR signs: X-BambooHR-Signature
// is the hex HMAC-SHA256 of the body followed by X-BambooHR-Timestamp, with the webhook's private
// key. The timestamp is the wall clock's (the receiver's replay window reads it), the payload's
// on the fake's own clock. Every delivery is logged with the status it got.
import { randomBytes } from 'node:crypto';
import express, { type Router } from 'express';
import type { BambooCompany } from './bamboohr-company';
import type { FakeEmployee } from './bamboohr-datasets';
import { signBambooHr } from './webhook-senders';

export interface FakeWebhook {
  id: string;
  name: string;
  url: string;
  monitorFields: string[];
  postFields: Record<string, string>;
  privateKey: string;
}

export interface BambooDelivery {
  webhookId: string;
  employeeId: string;
  action: 'Created' | 'Updated' | 'Deleted';
  changedFields: string[];
  /** The receiver's status; undefined while the post is on its way, 0 when it could not be reached. */
  status?: number;
}

type Action = BambooDelivery['action'];

export function createBambooWebhooks(company: BambooCompany) {
  const webhooks = new Map<string, FakeWebhook>();
  const deliveries: BambooDelivery[] = [];
  const pending = new Set<Promise<void>>();
  let nextId = 1;

  const post = (webhook: FakeWebhook, employee: Pick<FakeEmployee, 'id'> & Partial<FakeEmployee>, action: Action, changedFields: string[]) => {
    const fields = action === 'Updated' ? Object.fromEntries(Object.entries(webhook.postFields).map(([field, alias]) => [alias, employee[field as keyof FakeEmployee] ?? null])) : {};
    const body = JSON.stringify({ employees: [{ id: employee.id, action, changedFields: action === 'Updated' ? changedFields : [], fields, timestamp: company.now().replace(/\.\d{3}Z$/, '+0000') }] });
    const delivery: BambooDelivery = { webhookId: webhook.id, employeeId: employee.id, action, changedFields };
    deliveries.push(delivery);
    const sent = fetch(webhook.url, { method: 'POST', headers: { 'content-type': 'application/json', ...signBambooHr(webhook.privateKey, body) }, body })
      .then(async (response) => {
        await response.arrayBuffer();
        delivery.status = response.status;
      })
      .catch(() => {
        delivery.status = 0;
      })
      .finally(() => pending.delete(sent));
    pending.add(sent);
  };

  const announce = (employee: Pick<FakeEmployee, 'id'> & Partial<FakeEmployee>, action: Action, changedFields: string[] = []) => {
    for (const webhook of webhooks.values()) {
      if (action === 'Updated' && !changedFields.some((field) => webhook.monitorFields.includes(field))) continue;
      post(webhook, employee, action, changedFields);
    }
  };

  /** Runs a change to one person and announces the fields it changed. */
  const updating = (id: string, change: () => FakeEmployee): FakeEmployee => {
    const before = { ...company.employees.find((e) => e.id === id) };
    const after = change();
    const changed = Object.keys(after).filter((field) => field !== 'lastChanged' && before[field as keyof FakeEmployee] !== after[field as keyof FakeEmployee]);
    if (changed.length > 0) announce(after, 'Updated', changed);
    return after;
  };

  return {
    webhooks,
    deliveries,
    /** Resolves once every post sent so far has been answered. */
    async settled(): Promise<BambooDelivery[]> {
      while (pending.size > 0) await Promise.all([...pending]);
      return deliveries;
    },
    change: (id: string, patch: Partial<FakeEmployee>) => updating(id, () => company.change(id, patch)),
    terminate: (id: string, date: string, label?: string) => updating(id, () => company.terminate(id, date, label)),
    hire(fields: Pick<FakeEmployee, 'firstName' | 'lastName'> & Partial<FakeEmployee>): FakeEmployee {
      const hired = company.hire(fields);
      announce(hired, 'Created');
      return hired;
    },
    remove(id: string): void {
      company.remove(id);
      announce({ id }, 'Deleted');
    },
    /** POST, GET and DELETE /webhooks; `refused` answers 403 to each, as for a key that may not manage webhooks. */
    routes(refused: () => boolean): Router {
      const router = express.Router();
      router.use('/webhooks', (_req, res, next) => (refused() ? res.status(403).set('X-BambooHR-Error-Messsage', 'Permission denied').end() : next()));
      router.post('/webhooks', (req, res) => {
        const { name, url, monitorFields, postFields, format } = (req.body ?? {}) as Partial<FakeWebhook> & { format?: unknown };
        const valid = typeof name === 'string' && typeof url === 'string' && Array.isArray(monitorFields) && monitorFields.length > 0 && typeof postFields === 'object' && (format === 'json' || format === 'form-encoded');
        if (!valid) return res.status(400).set('X-BambooHR-Error-Messsage', 'Invalid webhook').end();
        const webhook: FakeWebhook = { id: String(nextId++), name, url, monitorFields, postFields: postFields ?? {}, privateKey: randomBytes(32).toString('hex') };
        webhooks.set(webhook.id, webhook);
        res.status(201).json({ id: Number(webhook.id), name, url, monitorFields, postFields, format, created: company.now(), privateKey: webhook.privateKey });
      });
      router.get('/webhooks', (_req, res) => {
        res.json({ webhooks: [...webhooks.values()].map(({ id, name, url }) => ({ id: Number(id), name, url })) });
      });
      router.delete('/webhooks/:id', (req, res) => {
        if (!webhooks.delete(req.params.id)) return res.status(404).end();
        res.status(200).json({});
      });
      return router;
    },
  };
}

export type BambooWebhooks = ReturnType<typeof createBambooWebhooks>;
