// `npm run walk`: walks a new demo tenant through its whole life against a running Roster (the
// embedded default of `npm start`, or any API given by ROSTER_URL and ROSTER_TOKEN): kick-off,
// the authorization link, the automatic test, approval, go-live, a leaver deactivated by an
// on-demand sync, and offboarding. It prints each step as support would see it.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface WalkOptions {
  baseUrl: string;
  token: string;
  say?: (line: string) => void;
  /** How long to wait for a run or a stage, at most. */
  timeoutMs?: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read field by field and printed
type Json = any;

const config = {
  identityKey: 'workEmail',
  include: { statuses: ['active', 'onboarding'] },
  fieldMappings: { title: 'position', department: 'department', manager: 'managerHrisId' },
  groups: { from: 'department' },
  notifications: { summaryTo: ['hr@demo.example'], errorsTo: ['it@demo.example'] },
  schedule: { cron: '0 2 * * *', timezone: 'UTC', jitterMinutes: 0 },
};

/** Returns the tenant id it walked, offboarded at the end. */
export async function walkThrough({ baseUrl, token, say = console.log, timeoutMs = 120_000 }: WalkOptions): Promise<string> {
  const call = async (method: string, path: string, body?: unknown, expected = [200, 201, 202]): Promise<Json> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = response.headers.get('content-type')?.includes('json') ? await response.json() : await response.text();
    if (!expected.includes(response.status)) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(answer)}`);
    return answer;
  };
  /** Polls until `check` gives a value: each run and stage change is asynchronous by design. */
  const until = async <T>(what: string, check: () => Promise<T | undefined | false>): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await check();
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  const tenant = (): Promise<Json> => call('GET', `/api/tenants/${id}`);
  const settled = (after?: string) => until('the run to finish', async () => {
    const now = await tenant();
    return !now.activeSyncId && now.lastSync && now.lastSync.id !== after && now.lastSync;
  });
  const counts = (run: Json) => Object.entries(run.counts ?? {}).filter(([, n]) => n).map(([k, n]) => `${k} ${n}`).join(', ');

  const id = `walk-${randomBytes(3).toString('hex')}`;
  await call('POST', '/api/tenants', { id, name: `Walk-through ${id}`, hris: { provider: 'demo' }, platform: { kind: 'demo' }, contacts: { hrisAdminEmail: 'hr-admin@demo.example', supportEmail: 'support@demo.example' } });
  say(`1. Created tenant ${id} (kickoff).`);
  await call('PUT', `/api/tenants/${id}/config`, config);
  await call('POST', `/api/tenants/${id}/kickoff/complete`, { reason: 'kick-off call' });
  say('2. Recorded the kick-off decisions and completed kick-off (authorization).');

  const link: Json = await call('POST', `/api/tenants/${id}/authorization-links`, {});
  say(`3. Issued an authorization link, e-mailed to the HR admin: ${link.url}`);
  const linkToken = new URL(link.url).pathname.split('/').pop()!;
  await call('POST', `/api/authorize/${linkToken}`, { apiKey: 'demo-key' });
  say('4. The HR admin pasted the key on the page; Roster verified it (testing) and started a test.');

  const test = await settled();
  say(`5. The test finished ${test.status}: ${counts(test)} (a dry run: nothing written).`);
  await call('POST', `/api/tenants/${id}/test/approve`, { note: 'reviewed with the customer' });
  say('6. Approved the test (ready).');

  await call('POST', `/api/tenants/${id}/go-live`, {});
  const live: Json = await until('go-live', async () => {
    const now = await tenant();
    return now.stage === 'live' && !now.activeSyncId && now;
  });
  say(`7. Went live: the initial load ${live.lastSync.status} (${counts(live.lastSync)}); the schedule runs '${live.schedule.cron}' ${live.schedule.timezone}, next at ${live.schedule.nextRunAt}.`);

  const people: Json = await call('GET', `/api/tenants/${id}/demo/people`);
  const leaver = people.people.find((person: Json) => person.status === 'active');
  await call('POST', `/api/tenants/${id}/demo/people/${leaver.hrisId}/terminate`, {});
  const { syncId } = await call('POST', `/api/tenants/${id}/syncs`, {});
  const leaverRun = await settled(live.lastSync.id);
  say(`8. ${leaver.hrisId} left the company; the on-demand sync ${syncId} ${leaverRun.status}: ${counts(leaverRun)}.`);

  const offboarded = await call('DELETE', `/api/tenants/${id}`, { reason: 'end of the walk-through' });
  say(`9. Offboarded (${offboarded.stage}): schedule deleted, keys destroyed, platform accounts untouched.`);
  return id;
}

/** The embedded default keeps its admin token in .roster/secrets.json. */
function localToken(): string | undefined {
  const file = fileURLToPath(new URL('../.roster/secrets.json', import.meta.url));
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { adminToken?: string }).adminToken : undefined;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const token = process.env.ROSTER_TOKEN ?? localToken();
  if (!token) {
    console.error('No token: start Roster with `npm start` first, or set ROSTER_TOKEN.');
    process.exit(1);
  }
  await walkThrough({ baseUrl: process.env.ROSTER_URL ?? 'http://localhost:3000', token }).catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
