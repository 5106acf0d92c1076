import { expect, it } from 'vitest';
import { createPacer } from '../../../activities/http/pace';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('starts at most perSecond tasks in any second, evenly spaced', async () => {
  const pacer = createPacer({ perSecond: 20, concurrency: 10 });
  const starts: number[] = [];
  await Promise.all(Array.from({ length: 10 }, () => pacer.run(async () => void starts.push(Date.now()))));
  starts.sort((a, b) => a - b);
  const gaps = starts.slice(1).map((at, i) => at - starts[i]!);
  // 50 ms apart, give or take the timer's millisecond rounding.
  for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(48);
});

it('keeps at most `concurrency` tasks in flight', async () => {
  const pacer = createPacer({ perSecond: 1000, concurrency: 3 });
  let inFlight = 0;
  let most = 0;
  await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      pacer.run(async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await pause(5 + (i % 4) * 5);
        inFlight -= 1;
      }),
    ),
  );
  expect(most).toBe(3);
});

it('gives a finished task’s slot to the caller already waiting, not to a newcomer', async () => {
  const pacer = createPacer({ perSecond: 1_000_000, concurrency: 1 });
  let inFlight = 0;
  let most = 0;
  const task = async () => {
    inFlight += 1;
    most = Math.max(most, inFlight);
    await pause(20);
    inFlight -= 1;
  };
  let finishFirst!: () => void;
  const first = new Promise<void>((resolve) => (finishFirst = resolve));
  const running = pacer.run(() => first);
  const waiting = pacer.run(task);
  await pause(5);
  // This newcomer arrives in the very microtask after the first task's slot is released.
  const newcomer = first.then(() => pacer.run(task));
  finishFirst();
  await Promise.all([running, waiting, newcomer]);
  expect(most).toBe(1);
});

it('passes on what a task returns or throws, and frees its slot either way', async () => {
  const pacer = createPacer({ perSecond: 1000, concurrency: 1 });
  await expect(pacer.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  await expect(pacer.run(async () => 42)).resolves.toBe(42);
});
