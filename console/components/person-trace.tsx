// One person's trace through a run (api/person-trace.ts), as a step list: each step's outcome as a
// badge whose word carries the meaning, its sentence, and the fields before → after.
import type { PersonTrace, TraceOutcome, TraceStep } from '../../api/person-trace';
import { modeLabels } from '../../common/run-words';
import { ItemChanges } from './item-changes';
import { RunBadge } from './run-badge';
import { Table } from './table';

const stepLabels: Record<TraceStep['step'], string> = {
  read: 'Read from the HR system',
  scope: 'In scope?',
  match: 'Matched to an account',
  plan: 'Planned',
  write: 'Written to the platform',
};

const outcomes: Record<TraceOutcome, { label: string; tone: string }> = {
  found: { label: 'Found', tone: 'good' },
  not_found: { label: 'Not found', tone: 'warn' },
  in_scope: { label: 'In scope', tone: 'good' },
  out_of_scope: { label: 'Out of scope', tone: 'warn' },
  matched: { label: 'Matched', tone: 'good' },
  new_account: { label: 'New account', tone: 'good' },
  no_account: { label: 'No account', tone: 'quiet' },
  blocked: { label: 'Blocked', tone: 'bad' },
  planned: { label: 'Planned', tone: 'good' },
  unchanged: { label: 'Nothing to change', tone: 'quiet' },
  done: { label: 'Done', tone: 'good' },
  failed: { label: 'Failed', tone: 'bad' },
  not_applied: { label: 'Not applied', tone: 'held' },
  pending: { label: 'Not yet', tone: 'busy' },
  nothing_to_write: { label: 'Nothing to write', tone: 'quiet' },
};

const writeLabels = { account: 'Account', manager: 'Manager', group: 'Group' } as const;
const resultLabels = { done: 'Done', failed: 'Failed', pending: 'Not written' } as const;

function Writes({ writes }: { writes: NonNullable<TraceStep['writes']> }) {
  return (
    <Table caption="Writes" hideCaption columns={['Write', 'Result']}>
      {writes.map((write, index) => (
        <tr key={index}>
          <td>{write.name ? `${writeLabels[write.kind]} ${write.name}` : writeLabels[write.kind]}</td>
          <td class={write.result === 'failed' ? 'item-failed' : undefined}>
            {resultLabels[write.result]}
            {write.code && `: ${write.code}`}
            {write.message && ` (${write.message})`}
          </td>
        </tr>
      ))}
    </Table>
  );
}

function Step({ step }: { step: TraceStep }) {
  const { label, tone } = outcomes[step.outcome];
  return (
    <li class="trace-step">
      <h3>
        {stepLabels[step.step]} <span class={`badge ${tone}`}>{label}</span>
      </h3>
      <p>{step.detail}</p>
      {step.step === 'plan' && step.action && (step.changes || step.fields) && <ItemChanges item={{ action: step.action, changes: step.changes ?? null, fields: step.fields }} />}
      {step.managerHrisId && <p>Manager, once their account exists: HR id <span class="mono">{step.managerHrisId}</span></p>}
      {step.groups && (
        <ul>
          {step.groups.map((group) => (
            <li key={group.name}>{`${group.change === 'add' ? 'Joins' : 'Leaves'} ${group.name}`}</li>
          ))}
        </ul>
      )}
      {step.writes && <Writes writes={step.writes} />}
    </li>
  );
}

export function PersonTraceView({ trace }: { trace: PersonTrace }) {
  return (
    <section aria-labelledby="trace-heading">
      <h2 id="trace-heading">What the run did for this person</h2>
      <p>
        <a href={`/runs/${trace.syncId}`}>The run</a> <RunBadge status={trace.status} /> <span class="muted">{modeLabels[trace.mode]}</span>
      </p>
      <ol class="trace">
        {trace.trace.map((step) => (
          <Step key={step.step} step={step} />
        ))}
      </ol>
    </section>
  );
}
