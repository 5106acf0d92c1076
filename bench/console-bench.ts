// How fast the console's pages answer with 1,000 tenants and a 100,000-item run: Postgres and the
// Temporal dev server on free ports in a temporary folder, the API app (which serves the console)
// in this process, a signed-in session, and each page requested one after another. Target: every
// page under 100 ms at p95. Seeding is outside the measurement.
//
//   npm run bench:console [-- --tenants 1000 --people 100000 --rounds 100]
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { parseArgs } from 'node:util';
import { createApp } from '../api/app';
import { createDb } from '../common/db';
import { configureLogging } from '../common/logger';
import { signReportToken } from '../common/report-links';
import { createKeyring, SecretStore } from '../common/secrets';
import { connectClient } from '../common/temporal';
import { seedConsoleData } from './console/seed';
import { signIn, timePage, type PageTiming } from './console/measure';
import { startServices } from './sync-run/processes';

const { values } = parseArgs({ options: { tenants: { type: 'string', default: '1000' }, people: { type: 'string', default: '100000' }, rounds: { type: 'string', default: '100' } } });
const TARGET_MS = 100;
configureLogging({ level: 'warn' });
const say = (text: string) => process.stderr.write(`[bench:console] ${text}\n`);

say('starting Postgres and the Temporal dev server');
const services = await startServices();
const db = createDb(services.databaseUrl);
const secrets = new SecretStore(db, createKeyring(randomBytes(32).toString('base64')));
const client = await connectClient({ address: services.temporalAddress, namespace: 'default' }, secrets.keyring);
const adminToken = randomBytes(24).toString('hex');
const { app } = createApp({ db, client, secrets, taskQueue: 'bench-console', adminToken, allowPrivateUrls: true, minScheduleMinutes: 15 });
const server = await new Promise<Server>((resolve) => {
  const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
});
const baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

try {
  say(`seeding ${values.tenants} tenants and a run of ${values.people} people`);
  const seeded = await seedConsoleData(db, Number(values.tenants), Number(values.people));
  const cookie = await signIn(baseUrl, adminToken);
  const { bigTenantId: tenant, bigRunId: run, person } = seeded;
  const items = `${Number(values.people).toLocaleString('en')}-item run`;
  const report = await signReportToken(secrets.keyring, { runId: run, tenantId: tenant }, new Date(Date.now() + 86_400_000));
  const pages: [string, string][] = [
    ['tenants', '/tenants'],
    ['tenants, searched', `/tenants?q=${encodeURIComponent('Tenant 5')}`],
    ['tenants, one stage', '/tenants?stage=live'],
    ['tenant (live, 4 runs)', `/tenants/${tenant}`],
    [`the ${items}`, `/runs/${run}`],
    [`the ${items}, filtered by action`, `/runs/${run}?action=update`],
    [`the ${items}, searched for a full name one in 330 has`, `/runs/${run}?q=${encodeURIComponent(person.name)}`],
    [`the ${items}, searched for a surname one in 15 has`, `/runs/${run}?q=Smith`],
    ['person search, a full name one in 330 has', `/tenants/${tenant}/people?q=${encodeURIComponent(person.name)}`],
    ['person search, a surname one in 15 has', `/tenants/${tenant}/people?q=Smith`],
    ['person', `/tenants/${tenant}/people/${encodeURIComponent(person.hrisId)}`],
    [`the customer's report of the ${items}`, `/reports/${report}`],
  ];
  const rounds = Number(values.rounds);
  const timings: PageTiming[] = [];
  for (const [name, path] of pages) {
    say(`timing ${name}`);
    timings.push(await timePage(baseUrl, cookie, name, path, rounds));
  }
  console.log(`| page | status | HTML | p50 | p95 | max | p95 < ${TARGET_MS} ms |`);
  console.log('|---|---|---|---|---|---|---|');
  for (const t of timings) {
    console.log(`| ${t.name} | ${t.status} | ${(t.bytes / 1024).toFixed(0)} KB | ${t.p50.toFixed(1)} ms | ${t.p95.toFixed(1)} ms | ${t.max.toFixed(1)} ms | ${t.p95 < TARGET_MS && t.status === 200 ? 'met' : 'MISSED'} |`);
  }
  process.exitCode = timings.every((t) => t.p95 < TARGET_MS && t.status === 200) ? 0 : 1;
} finally {
  server.close();
  await client.connection.close();
  await db.destroy();
  await services.stop();
}
