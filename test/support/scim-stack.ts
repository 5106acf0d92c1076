// A test stack beside the test SCIM server, for files whose tenants write to a real SCIM platform:
// both started before the file's tests, and stopped after them with every fake a test started.
import { afterAll, beforeAll } from 'vitest';
import { startScimPlatform, type ScimPlatform } from '../activities/platform/scim-platform';
import { startTestStack, type TestStack } from './stack';

export interface ScimStack {
  stack: TestStack;
  platform: ScimPlatform;
  /** Each fake HR system a test started, closed after the file. */
  fakes: { close(): Promise<unknown> }[];
}

/** Registers the hooks; the fields are set once the file's `beforeAll` has run. */
export function useScimStack(): ScimStack {
  const harness = { fakes: [] } as unknown as ScimStack;
  beforeAll(async () => {
    harness.platform = await startScimPlatform();
    harness.stack = await startTestStack();
  });
  afterAll(async () => {
    await harness.stack?.stop();
    await harness.platform?.stop();
    for (const fake of harness.fakes) await fake.close();
  });
  return harness;
}
