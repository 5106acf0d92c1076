// What every benchmark's main does around its own measures: progress lines, the machine's load at
// its start and end, whatever it started stopped (on Ctrl-C too), its results printed and written
// to --json, and a failure said with its stack.
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { machine } from './sync-run/options';
import { progress, type Say } from './sync-run/progress';
import { stopList } from './sync-run/stack';

export type Stops = ReturnType<typeof stopList>;

export async function benchMain(script: string, json: string | undefined, measure: (say: Say, stops: Stops) => Promise<object>): Promise<void> {
  const say = progress();
  const loadAtStart = loadavg();
  const stops = stopList(say);
  // Ctrl-C (or tsx relaying it) can deliver SIGINT twice: a second must not kill the process
  // before the first has stopped what it started, or the Temporal dev server is left running.
  let stopping = false;
  process.on('SIGINT', () => {
    if (stopping) return;
    stopping = true;
    void stops.stopAll().then(() => process.exit(130));
  });
  try {
    const at = new Date().toISOString();
    const figures = await measure(say, stops);
    const results = {
      machine: machine(),
      command: `npm run ${script} -- ${process.argv.slice(2).join(' ')}`.trim(),
      at,
      loadAverage: { atStart: loadAtStart.map((l) => l.toFixed(2)), atEnd: loadavg().map((l) => l.toFixed(2)) },
      ...figures,
    };
    console.log(JSON.stringify(results, null, 2));
    if (json) writeFileSync(json, JSON.stringify(results, null, 2));
  } catch (error) {
    say(`failed: ${(error as Error).stack ?? String(error)}`);
    process.exitCode = 1;
  } finally {
    await stops.stopAll();
  }
  // Whatever a failed start left open must not keep the benchmark running.
  process.exit();
}
