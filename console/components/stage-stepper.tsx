// Where the tenant is on its way to live: kick-off, authorization, testing, ready, live. After
// go-live the tenant stays on the last step, paused or waiting for a new key; an offboarded
// tenant has left the road, and the stepper says so instead of marking a step.
import type { Stage } from '../../common/stages';
import { stageLabels } from './stage-label';

const steps = ['kickoff', 'authorization', 'testing', 'ready', 'live'] as const satisfies readonly Stage[];

/** The step a stage stands on; paused and needs re-authorization come after go-live. */
const stepOf = (stage: Stage): number => (stage === 'paused' || stage === 'needs_reauthorization' ? steps.length - 1 : steps.indexOf(stage as (typeof steps)[number]));

export function StageStepper({ stage }: { stage: Stage }) {
  const current = stepOf(stage);
  const aside = stage === 'paused' || stage === 'needs_reauthorization' || stage === 'offboarded' ? stageLabels[stage] : undefined;
  return (
    <div class="stepper">
      <ol aria-label="Onboarding stages">
        {steps.map((step, n) => {
          const state = current < 0 ? 'left' : n < current ? 'done' : n === current ? 'current' : 'todo';
          return (
            <li key={step} class={`step ${state}`} aria-current={state === 'current' ? 'step' : undefined}>
              <span class="step-number" aria-hidden="true">
                {n + 1}
              </span>
              <span class="step-name">{stageLabels[step]}</span>
              {state === 'done' && <span class="visually-hidden"> (done)</span>}
              {state === 'current' && aside && <span class="step-aside">{aside}</span>}
            </li>
          );
        })}
      </ol>
      {current < 0 && aside && <p class="stepper-left">{`${aside}: the tenant has left onboarding for good.`}</p>}
    </div>
  );
}
