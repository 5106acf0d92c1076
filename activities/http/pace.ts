// Keeps calls to one service within its pace: at most `perSecond` starts in any second and at
// most `concurrency` in flight (the tenant's platform limits).
export interface Pacer {
  run<T>(task: () => Promise<T>): Promise<T>;
}

export function createPacer({ perSecond, concurrency }: { perSecond: number; concurrency: number }, now = () => Date.now()): Pacer {
  const interval = 1000 / perSecond;
  let lastStart = Number.NEGATIVE_INFINITY;
  let turns: Promise<void> = Promise.resolve();
  let inFlight = 0;
  const waiting: (() => void)[] = [];

  // Each start waits for the one before it and is spaced from when that one actually started, so
  // timers that fire late cannot bunch starts together.
  const spaced = () => {
    const turn = turns.then(async () => {
      const wait = lastStart + interval - now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      lastStart = now();
    });
    turns = turn;
    return turn;
  };
  const acquire = async () => {
    // A finished task hands its slot straight to the next waiter, so a newcomer arriving in
    // between cannot take it too.
    if (inFlight >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    else inFlight += 1;
    await spaced();
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else inFlight -= 1;
  };

  return {
    async run(task) {
      await acquire();
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}
