// Rows a notify test needs, written straight to Postgres: a tenant, a run and its plan items; and
// the SMTP servers it sends to.
import { SMTPServer } from 'smtp-server';
import { inject } from 'vitest';
import { createMailer, type Deliverer } from '../../../activities/notify';
import { createDb, type Db } from '../../../common/db';
import { configureLogging } from '../../../common/logger';
import { createKeyring, SecretStore } from '../../../common/secrets';
import { freePort } from '../../../common/free-port';
import { startMailCapture, type MailCapture } from '../../../dev/mail-capture';
import type { SyncMode, SyncStatus, SyncTrigger } from '../../../common/sync-run';
import type { NotifyTenant } from '../../../activities/notify';
import { encryptionKey, uniqueTenantId } from '../../support/stack';

/** A tenant with recipients of its own, so that tests sharing one mail capture never mix. */
export async function insertTenant(db: Db, name = 'Acme Pty Ltd'): Promise<NotifyTenant> {
  const id = uniqueTenantId('notify');
  const contacts = { supportEmail: `support@${id}.example`, hrisAdminEmail: `hr-admin@${id}.example` };
  const notifications = { summaryTo: [`hr@${id}.example`, `people@${id}.example`], errorsTo: [`it@${id}.example`] };
  const now = new Date();
  const platform = { kind: 'demo', loginUrl: 'https://app.platform.example/login' };
  await db('tenants').insert({ id, name, stage: 'live', hris: '{"provider":"demo"}', platform: JSON.stringify(platform), contacts: JSON.stringify(contacts), config: JSON.stringify({ notifications }), created_by: 'test', created_at: now, updated_at: now });
  return { id, name, contacts, config: { notifications } };
}

export interface RunFields {
  trigger?: SyncTrigger;
  mode?: SyncMode;
  status?: SyncStatus;
  counts?: Record<string, number> | null;
  startedAt?: string;
}

const zeroCounts = { created: 0, updated: 0, deactivated: 0, reactivated: 0, unchanged: 0, skipped: 0, excluded: 0, failed: 0, groupsCreated: 0, groupsUpdated: 0, groupsRemoved: 0 };

export async function insertRun(db: Db, tenantId: string, fields: RunFields = {}): Promise<string> {
  const id = `run-${uniqueTenantId('s')}`;
  const counts = fields.counts === null ? null : JSON.stringify({ ...zeroCounts, ...fields.counts });
  await db('sync_runs').insert({
    id,
    tenant_id: tenantId,
    trigger: fields.trigger ?? 'schedule',
    mode: fields.mode ?? 'apply',
    status: fields.status ?? 'running',
    phase: 'reporting',
    counts,
    planned: counts,
    requested_by: 'schedule',
    started_at: fields.startedAt ?? '2025-07-01T02:00:00Z',
  });
  return id;
}

export interface ItemFields {
  kind?: string;
  hrisId: string;
  identityKey?: string;
  name?: string;
  action: string;
  item?: Record<string, unknown>;
  result?: 'pending' | 'done' | 'failed';
  resultCode?: string;
  resultMessage?: string;
}

export async function insertItems(db: Db, tenantId: string, runId: string, items: ItemFields[]): Promise<void> {
  await db('plan_items').insert(
    items.map((i, seq) => ({
      run_id: runId,
      seq,
      tenant_id: tenantId,
      kind: i.kind ?? 'account',
      hris_id: i.hrisId,
      identity_key: i.identityKey ?? null,
      name: i.name ?? null,
      action: i.action,
      item: JSON.stringify({ hrisId: i.hrisId, name: i.name, action: i.action, ...i.item }),
      result: i.result ?? 'pending',
      result_code: i.resultCode ?? null,
      result_message: i.resultMessage ?? null,
    })),
  );
}

/** A created account's item as the plan stores it. */
export function created(hrisId: string, givenName: string, familyName: string, email: string | undefined, result: 'pending' | 'done' | 'failed'): ItemFields {
  const fields = { userName: email ?? hrisId, externalId: hrisId, active: true, givenName, familyName, displayName: `${givenName} ${familyName}`, email, attributes: {} };
  return { hrisId, identityKey: fields.userName, name: `${givenName} ${familyName}`, action: 'create', item: { fields }, result, ...(result === 'failed' && { resultCode: 'platform_refused', resultMessage: 'the platform refused the record (400)' }) };
}

export interface MailTest extends Deliverer {
  capture: MailCapture;
}

/** Postgres, a real SMTP capture and a mailer sending to it, a secret store, quiet logs: what every notify test needs. */
export async function startMailTest(): Promise<MailTest> {
  configureLogging({ sink: () => {} });
  const capture = await startMailCapture({ port: await freePort() });
  const db = createDb(inject('databaseUrl'));
  return { db, capture, secrets: new SecretStore(db, createKeyring(encryptionKey)), mailer: createMailer({ smtpUrl: capture.smtpUrl, from: 'Roster <roster@roster.example>' }) };
}

export async function stopMailTest(test: Partial<MailTest>): Promise<void> {
  await test.capture?.stop();
  await test.db?.destroy();
}

/** An SMTP server answering RCPT TO with the code `codeFor` gives the address's local part (550 for good, 451 for now), or taking the mail. */
export async function startRefusingSmtp(codeFor: (local: string) => 550 | 451 | undefined): Promise<{ smtpUrl: string; stop(): Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const code = codeFor(address.address.split('@')[0]!);
      if (code === undefined) return callback();
      callback(Object.assign(new Error(code === 550 ? 'No such user here' : 'Mailbox busy, try later'), { responseCode: code }));
    },
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => callback());
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return { smtpUrl: `smtp://127.0.0.1:${port}`, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
