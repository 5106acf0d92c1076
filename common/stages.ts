// The tenant lifecycle's stages and what each allows (docs/PRODUCT.md, "What each stage allows").
// Workflows and the API both read this table, so a refusal names the same allowed operations
// wherever it is made.
export const stages = ['kickoff', 'authorization', 'testing', 'ready', 'live', 'paused', 'needs_reauthorization', 'offboarded'] as const;
export type Stage = (typeof stages)[number];

export const operations = {
  change_config: 'change the config',
  change_settings: 'change the settings',
  complete_kickoff: 'complete kick-off',
  authorize: 'issue a link or enter a key',
  revoke_key: 'revoke the key',
  start_test: 'start a test run',
  approve_test: 'approve the test',
  go_live: 'go live',
  sync: 'start a sync',
  pause: 'pause',
  resume: 'resume',
  send_welcomes: 'send the welcome later',
  offboard: 'offboard',
} as const;
export type Operation = keyof typeof operations;

/** After go-live: the tenant has a schedule (running only in `live`) and its identity key is locked. */
export const afterGoLive: readonly Stage[] = ['live', 'paused', 'needs_reauthorization'];

const allStagesBut = (...excluded: Stage[]): Stage[] => stages.filter((s) => !excluded.includes(s));

const allowedIn: Record<Operation, readonly Stage[]> = {
  change_config: allStagesBut('offboarded'),
  change_settings: allStagesBut('offboarded'),
  complete_kickoff: ['kickoff'],
  authorize: allStagesBut('kickoff', 'offboarded'),
  revoke_key: allStagesBut('kickoff', 'offboarded'),
  start_test: ['testing', 'ready', 'live'],
  approve_test: ['testing'],
  go_live: ['ready'],
  sync: ['live'],
  pause: ['live'],
  resume: ['paused'],
  // Accounts exist from the initial load on (ready only after one that failed part-way: validators.ts).
  send_welcomes: ['ready', 'live', 'paused', 'needs_reauthorization'],
  offboard: stages,
};

export function allows(stage: Stage, operation: Operation): boolean {
  return allowedIn[operation].includes(stage);
}

export function allowedOperations(stage: Stage): Operation[] {
  return (Object.keys(allowedIn) as Operation[]).filter((op) => allows(stage, op));
}

/** The sentence of a 409 `invalid_transition`: the current stage and what it allows. */
export function refusal(stage: Stage, operation: Operation, why?: string): string {
  const allowed = allowedOperations(stage).map((op) => operations[op]);
  return (
    `Cannot ${operations[operation]} while the tenant is in stage '${stage}'` +
    (why ? ` (${why})` : '') +
    `. In '${stage}' you can: ${allowed.join(', ')}.`
  );
}
