// The tenant's open problems (docs/PRODUCT.md "Tenant health"), each with since when, what support
// does about it and the run that met it. Roster opens and closes them itself.
import type { Tenant } from '../../api/tenant-view';
import { Time } from './time';

export function TenantProblems({ problems }: { problems: Tenant['problems'] }) {
  return (
    <section aria-labelledby="problems-heading" class="tenant-problems">
      <h2 id="problems-heading">Open problems</h2>
      {problems.open.length === 0 ? (
        <p class="muted">None. Roster opens one here, and e-mails support once, when something needs attention.</p>
      ) : (
        <ul class="problems">
          {problems.open.map((problem) => (
            <li key={problem.type}>
              <strong>{problem.title}</strong> since <Time at={problem.since} />
              {problem.detail.syncId && (
                <>
                  {' '}
                  (<a href={`/runs/${problem.detail.syncId}`}>the run</a>)
                </>
              )}
              <div class="hint">{problem.whatToDo}</div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
