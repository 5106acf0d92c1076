// What the mail of a tenant needs, read from its row, so that a run's activity can take just the
// tenant id: addresses then never enter a sync run's workflow history (docs/ARCHITECTURE.md principle 1).
import type { Db } from '../../common/db';
import type { TenantRow } from '../../common/tenants-repository';
import { UnfixableError } from '../../common/unfixable';
import type { NotifyTenant } from './run-report';

export async function loadNotifyTenant(db: Db, tenantId: string): Promise<{ tenant: NotifyTenant; loginUrl?: string }> {
  const row: Pick<TenantRow, 'name' | 'contacts' | 'config' | 'platform'> | undefined = await db('tenants')
    .where({ id: tenantId })
    .first('name', 'contacts', 'config', 'platform');
  if (!row) throw new UnfixableError('row_missing', `Tenant ${tenantId} does not exist.`);
  // The current config, not the run's version: a corrected recipient list applies to the next mail.
  const notifications = row.config?.notifications ?? { summaryTo: [], errorsTo: [] };
  return { tenant: { id: tenantId, name: row.name, contacts: row.contacts, config: { notifications } }, loginUrl: row.platform.loginUrl };
}
