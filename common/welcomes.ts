// Sending the welcome later (docs/PRODUCT.md "Notifications"): who support asks for, and what the
// answer says. Shared by the tenant workflow, its activity and the API, so it holds ids and counts
// only: no address or name ever enters workflow history.

/** Why a person asked for got no welcome. */
export const welcomeLeftOutReasons = ['no_work_email', 'already_welcomed', 'not_managed', 'inactive'] as const;
export type WelcomeLeftOutReason = (typeof welcomeLeftOutReasons)[number];

/** Whom to welcome: everyone never welcomed (neither field), chosen people, or the accounts one run created. */
export interface WelcomeTargets {
  hrisIds?: string[];
  syncId?: string;
}

/** How many people an answer names one by one; the counts cover everyone. */
export const LEFT_OUT_LISTED = 100;

export interface WelcomesSent {
  queued: number;
  leftOut: {
    count: number;
    byReason: Record<WelcomeLeftOutReason, number>;
    /** The first LEFT_OUT_LISTED people left out, by HR id. */
    people: { hrisId: string; reason: WelcomeLeftOutReason }[];
  };
}

const reasonWords: Record<WelcomeLeftOutReason, string> = {
  no_work_email: 'without a work e-mail',
  already_welcomed: 'welcomed before',
  not_managed: 'not a managed account',
  inactive: 'deactivated',
};

/** The history's sentence for a send: counts and the run's id, never a person. */
export function describeWelcomesSent({ hrisIds, syncId }: WelcomeTargets, { queued, leftOut }: WelcomesSent): string {
  const whom = syncId ? `the accounts run ${syncId} created` : hrisIds ? `${hrisIds.length} chosen ${hrisIds.length === 1 ? 'person' : 'people'}` : 'everyone never welcomed';
  const reasons = welcomeLeftOutReasons.filter((reason) => leftOut.byReason[reason] > 0).map((reason) => `${leftOut.byReason[reason]} ${reasonWords[reason]}`);
  return `Welcome sent later to ${whom}: ${queued} queued${reasons.length ? `; left out: ${reasons.join(', ')}` : ''}.`;
}

/** What support reads after a send: how many were queued, and who was left out and why (by HR id). */
export function welcomesSummary({ queued, leftOut }: WelcomesSent): string {
  const groups = welcomeLeftOutReasons
    .filter((reason) => leftOut.byReason[reason] > 0)
    .map((reason) => {
      const ids = leftOut.people.filter((person) => person.reason === reason).map((person) => person.hrisId);
      const more = leftOut.byReason[reason] - ids.length;
      const named = ids.length > 0 ? ` (${ids.join(', ')}${more > 0 ? ` and ${more} more` : ''})` : '';
      return `${leftOut.byReason[reason]} ${reasonWords[reason]}${named}`;
    });
  return `${queued} ${queued === 1 ? 'welcome' : 'welcomes'} queued.${groups.length ? ` Left out: ${groups.join('; ')}.` : ''}`;
}
