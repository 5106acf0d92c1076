// How long a tenant workflow's history may grow before it continues as new, when idle.
//
// A worker that evicted the workflow from its cache (ROSTER_WORKER_CACHED_WORKFLOWS) replays its
// whole history to wake it: about 15 ms plus 0.4 ms of CPU an event (`npm run bench:replay`,
// docs/scaling.md "Worker memory"). The server suggests continue-as-new only after thousands of
// events, when a cold wake would cost seconds; handing over at this length keeps a night's cold
// wakes of a thousand tenants cheap. Onboarding alone writes about this many.
export const CONTINUE_AS_NEW_AFTER_EVENTS = 200;
