// After a human approves a held plan, the run reads and plans again (docs/PRODUCT.md "Safety
// guards"): the new plan may apply only if it deactivates nobody the human did not see. Accounts
// are compared by platform id, which a deactivation always has and which never changes.
import type { Plan } from './types';

/** A planned deactivation, as a held run records it for approval. */
export interface DeactivationRef {
  hrisId: string;
  accountId: string;
}

export function deactivationsOf(plan: Pick<Plan, 'items'>): DeactivationRef[] {
  return plan.items.flatMap(({ action, hrisId, accountId }) => (action === 'deactivate' && accountId !== undefined ? [{ hrisId, accountId }] : []));
}

/** The new plan's deactivations that were not approved: none means the plan may apply, any means hold again. */
export function unapprovedDeactivations(approved: Iterable<Pick<DeactivationRef, 'accountId'>>, planned: readonly DeactivationRef[]): DeactivationRef[] {
  const seen = new Set<string>();
  for (const { accountId } of approved) seen.add(accountId);
  return planned.filter(({ accountId }) => !seen.has(accountId));
}
