// What an item did, in words: the action once done, planned while pending, or failed.
import type { PlanItemView } from '../../api/sync-view';
import { actionDone } from '../../common/run-words';

// Nothing is written for these: they are what they say from the moment they are planned.
const recordedOnly = new Set(['unchanged', 'skip', 'exclude']);

type ItemOutcome = { action: string; result: PlanItemView['result'] };

export function actionText({ action, result }: ItemOutcome): string {
  const done = actionDone[action] ?? action;
  if (result === 'done' || recordedOnly.has(action)) return done;
  if (result === 'failed') return `${done}: failed`;
  return `${done} (planned)`;
}

export function RunItemAction({ item }: { item: ItemOutcome }) {
  return <span class={`item-action item-${item.result}`}>{actionText(item)}</span>;
}
