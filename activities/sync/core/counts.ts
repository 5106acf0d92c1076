// The counts of docs/API.md (a run's `planned` and `counts`). `skipped` are people in scope blocked by
// a data problem, `excluded` people out of scope with nothing to do; `failed` only arises while
// applying. Removed groups count whether they are emptied or deleted.
import type { GroupPlanItem, ItemAction, PlanItem, RunCounts } from './types';

const ITEM_COUNT: Record<ItemAction, keyof RunCounts> = {
  create: 'created',
  update: 'updated',
  deactivate: 'deactivated',
  reactivate: 'reactivated',
  anonymise: 'anonymised',
  unchanged: 'unchanged',
  skip: 'skipped',
  exclude: 'excluded',
};

const GROUP_COUNT: Record<GroupPlanItem['action'], keyof RunCounts> = {
  create: 'groupsCreated',
  update: 'groupsUpdated',
  empty: 'groupsRemoved',
  delete: 'groupsRemoved',
};

export function emptyCounts(): RunCounts {
  return { created: 0, updated: 0, deactivated: 0, reactivated: 0, anonymised: 0, unchanged: 0, skipped: 0, excluded: 0, failed: 0, groupsCreated: 0, groupsUpdated: 0, groupsRemoved: 0 };
}

export function countPlan(items: readonly PlanItem[], groups: readonly GroupPlanItem[]): RunCounts {
  const counts = emptyCounts();
  for (const { action } of items) counts[ITEM_COUNT[action]] += 1;
  for (const { action } of groups) counts[GROUP_COUNT[action]] += 1;
  return counts;
}
