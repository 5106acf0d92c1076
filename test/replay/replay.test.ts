// Determinism (docs/TEMPORAL.md "Replay", docs/ARCHITECTURE.md "Testing"): every history committed under
// test/replay/histories/ is replayed against the current workflow code, with no server, and any
// nondeterminism fails the run. Until the first release a change to workflow code re-records the
// histories; from it on, a change that breaks one goes behind `patched()` (docs/TEMPORAL.md "Patching").
//
// Recording (see record-history.ts): RECORD_HISTORIES=1 npx vitest run test/reliability
// writes the histories from the runs of those tests:
//   sync-run-clean-apply                  a run that applies a directory to an empty platform
//   sync-run-held-then-approved           a run held over the deactivation limits, then approved
//   sync-run-crashed-and-resumed          a run whose worker was SIGKILLed mid-fetch and mid-apply
//   tenant-config-kickoff-credential-run  the tenant workflow's first run: config, kick-off, key,
//                                         a sync run, then continue-as-new
// and RECORD_HISTORIES=1 npx vitest run test/workflows/bamboohr-tenant.test.ts:
//   sync-run-incremental                  a BambooHR run that read only who changed
// and RECORD_HISTORIES=1 npx vitest run test/workflows/webhook-runs.test.ts:
//   tenant-webhooks-and-leavers           webhook windows, targeted runs and the leavers' timer
//   sync-run-targeted-leavers             a run that read only the people whose last day ended
// and RECORD_HISTORIES=1 npx vitest run test/workflows/run-stops.test.ts:
//   sync-run-cancelled-while-retrying     a test cancelled while its platform read waited to retry
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { expect, inject, it } from 'vitest';
import { dataConverter } from '../../common/payloads/data-converter';
import { createKeyring } from '../../common/secrets';
import { humaansDataset } from '../fakes/humaans-datasets';
import { peopleOf } from '../reliability/history-scan';
import { historiesDir, historyFromJson } from './committed-histories';
import { SECRET_PREFIX } from './record-history';

// The replay worker's state changes are not news; its warnings and errors are.
Runtime.install({ logger: new DefaultLogger('WARN') });

// The committed histories were recorded before payloads were encrypted: replaying them through
// Roster's codec (which passes clear payloads through) is what a deploy does to workflows in flight.
const keyring = createKeyring(randomBytes(32).toString('base64'));
const expected = ['sync-run-automatic-test', 'sync-run-cancelled-while-retrying', 'sync-run-clean-apply', 'sync-run-crashed-and-resumed', 'sync-run-held-then-approved', 'sync-run-incremental', 'sync-run-targeted-leavers', 'tenant-config-kickoff-credential-run', 'tenant-onboarding-walk', 'tenant-webhooks-and-leavers'];
const files = readdirSync(historiesDir).filter((file) => file.endsWith('.json'));
const load = (file: string) => ({ workflowId: file.replace(/\.json$/, ''), text: readFileSync(historiesDir + file, 'utf8') });

async function replay(histories: { workflowId: string; history: unknown }[]) {
  const results: { workflowId: string; error?: Error }[] = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle: { codePath: inject('workflowBundlePath') }, dataConverter: dataConverter(keyring) }, histories)) results.push(result);
  return results;
}

it('has a committed history of every representative run', () => {
  expect(files.map((file) => file.replace(/\.json$/, '')).sort()).toEqual(expect.arrayContaining(expected));
});

it('replays every committed history against the current workflow code without nondeterminism', async () => {
  const histories = files.map(load).map(({ workflowId, text }) => ({ workflowId, history: historyFromJson(text) }));
  const results = await replay(histories);
  expect(results.map((r) => r.workflowId)).toEqual(histories.map((h) => h.workflowId));
  expect(results.filter((r) => r.error).map((r) => `${r.workflowId}: ${r.error!.message}`)).toEqual([]);
});

it('would notice nondeterminism: a history whose run called another activity fails to replay', async () => {
  // The control that keeps the test above honest: the same history, one scheduled activity renamed.
  const { workflowId, text } = load('sync-run-clean-apply.json');
  const tampered = text.replace(/"name": "planRun"/, '"name": "planRunElsewhere"');
  expect(tampered).not.toBe(text);
  const [result] = await replay([{ workflowId, history: historyFromJson(tampered) }]);
  expect(result!.error).toBeInstanceOf(DeterminismViolationError);
});

it('holds no secret and no person from the directories the histories were recorded with', () => {
  // The fake directory's people are the same whatever the day; 210 fillers cover every recording.
  const people = peopleOf(humaansDataset({ today: '2030-01-01', fillers: 210 }));
  for (const file of files) {
    const { text } = load(file);
    const decoded = text.replace(/"data": "([A-Za-z0-9+/=]*)"/g, (_match, base64: string) => Buffer.from(base64, 'base64').toString('utf8')).toLowerCase();
    expect(decoded, file).toContain('"syncid"'); // payloads are read, not only their base64
    expect(decoded, file).not.toContain(SECRET_PREFIX);
    expect(people.filter((term) => decoded.includes(term.toLowerCase())), file).toEqual([]);
  }
});
