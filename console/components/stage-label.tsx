// A stage in words: the stage ids are the API's, the labels are what support says.
import type { Stage } from '../../common/stages';

export const stageLabels: Record<Stage, string> = {
  kickoff: 'Kick-off',
  authorization: 'Authorization',
  testing: 'Testing',
  ready: 'Ready',
  live: 'Live',
  paused: 'Paused',
  needs_reauthorization: 'Needs re-authorization',
  offboarded: 'Offboarded',
};

export function StageLabel({ stage }: { stage: Stage }) {
  return <span class={`stage stage-${stage}`}>{stageLabels[stage]}</span>;
}
