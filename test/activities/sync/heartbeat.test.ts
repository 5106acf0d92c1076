// A read that is one long call keeps its activity alive: the last progress is heartbeated on a
// timer until the call returns, and never after.
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { heartbeatingWhile } from '../../../activities/sync/heartbeat';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

it('heartbeats the latest progress every 10 s while the call runs, and stops when it returns', async () => {
  const env = new MockActivityEnvironment();
  const beats: unknown[] = [];
  env.on('heartbeat', (details: unknown) => beats.push(details));
  let progress = { scan: 0, pages: 0 };
  let finish!: (value: string) => void;
  const call = new Promise<string>((resolve) => (finish = resolve));

  const running = env.run(() => heartbeatingWhile(() => progress, () => call));
  await vi.advanceTimersByTimeAsync(25_000);
  progress = { scan: 0, pages: 1 };
  await vi.advanceTimersByTimeAsync(10_000);
  finish('directory');

  await expect(running).resolves.toBe('directory');
  expect(beats).toEqual([{ scan: 0, pages: 0 }, { scan: 0, pages: 0 }, { scan: 0, pages: 1 }]);
  await vi.advanceTimersByTimeAsync(60_000);
  expect(beats).toHaveLength(3);
});
