// `npm test`'s first step: what would stop the test servers from starting is said in one line
// before the typecheck and lint (a minute) run, not after.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresAccessProblem } from './postgres-access';

// The tests keep PostgreSQL's data in a fresh folder under the system's temporary folder.
const problem = await postgresAccessProblem(join(tmpdir(), 'roster-test-preflight', 'postgres'));
if (problem) {
  console.error(problem);
  process.exit(1);
}
