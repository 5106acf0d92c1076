// What a workflow-cache miss costs (docs/scaling.md "Worker memory"): a worker that evicted a
// workflow replays its whole history at its next task. Each committed history
// (test/replay/histories/) replayed `--times` times against the current workflow bundle, with no
// server: worker CPU per replay and per history event.
//
//   npm run bench:replay [-- --times 100 --json out.json]
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type proto from '@temporalio/proto';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { dataConverter } from '../common/payloads/data-converter';
import { createKeyring } from '../common/secrets';
import { workflowBundleOptions } from '../worker/worker';
import { historiesDir, historyFromJson } from '../test/replay/committed-histories';
import { benchMain } from './bench-main';

const { values } = parseArgs({ options: { times: { type: 'string', default: '100' }, json: { type: 'string' } } });
const times = Number(values.times);

Runtime.install({ logger: new DefaultLogger('WARN') });

await benchMain('bench:replay', values.json, async (say) => {
  const { code } = await bundleWorkflowCode({ ...workflowBundleOptions(false), logger: new DefaultLogger('WARN') });
  // Clear payloads pass through Roster's codec, as the replay test relies on.
  const converter = dataConverter(createKeyring(randomBytes(32).toString('base64')));
  const replay = async (history: proto.temporal.api.history.v1.History, count: number) => {
    const cpu = process.cpuUsage();
    for await (const result of Worker.runReplayHistories({ workflowBundle: { code }, dataConverter: converter }, Array.from({ length: count }, (_, index) => ({ workflowId: `replay-${index}`, history })))) {
      if (result.error) throw result.error;
    }
    const used = process.cpuUsage(cpu);
    return (used.user + used.system) / 1000;
  };
  const histories = [];
  for (const file of readdirSync(historiesDir).filter((name) => name.endsWith('.json')).sort()) {
    const history = historyFromJson(readFileSync(historiesDir + file, 'utf8'));
    await replay(history, 3);
    const cpuMs = (await replay(history, times)) / times;
    const events = history.events.length;
    say(`${file}: ${events} events, ${cpuMs.toFixed(1)} ms of CPU a replay`);
    histories.push({ history: file.replace(/\.json$/, ''), events, cpuMsPerReplay: Number(cpuMs.toFixed(1)), cpuMsPerEvent: Number((cpuMs / events).toFixed(2)) });
  }
  const perEvent = histories.map((entry) => entry.cpuMsPerEvent).sort((a, b) => a - b);
  return { times, bundleKB: Math.round(code.length / 1024), histories, cpuMsPerEventMedian: perEvent[Math.floor(perEvent.length / 2)] };
});
