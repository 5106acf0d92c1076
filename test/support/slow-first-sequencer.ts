// Starts the longest test files first, so that on two workers they run beside the many short
// ones instead of after them: a fresh clone has no timings for vitest's own ordering to use.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** The files that take minutes (each walks tenants through many runs on the real stack). */
const slowest = ['test/workflows/live-tenant.test.ts', 'test/reliability/lifetime-walk.test.ts', 'test/workflows/sync-run.test.ts'];

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const index = slowest.findIndex((path) => file.moduleId.endsWith(path));
      return index === -1 ? slowest.length : index;
    };
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}
