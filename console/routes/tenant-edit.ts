// GET /tenants/new, /tenants/:id/settings and /tenants/:id/config: the forms that create a tenant
// and change its settings and config through the API. A viewer changes nothing, so gets no form.
// Registered before the tenant page's router: `/tenants/new` is not a tenant id.
import { Router, type Response } from 'express';
import type { Db } from '../../common/db';
import { hrisSettingsFormOf, hrisSettingsForms, tenantToEdit } from '../data/tenant-edit';
import { NewTenantPage } from '../pages/new-tenant';
import { ProblemPage } from '../pages/problem';
import { TenantConfigPage } from '../pages/tenant-config';
import { TenantSettingsPage } from '../pages/tenant-settings';
import { sendPage } from '../render';
import { pageContext } from '../signed-in';

/** A viewer's answer: the page they asked for, saying they cannot change anything. False for support and admins. */
function refusedToViewer(res: Response, title: string): boolean {
  const ctx = pageContext(res);
  if (ctx.caller.role !== 'viewer') return false;
  const message = 'You are signed in as a viewer: you can see every tenant but cannot change anything. Ask an admin for a support token to do this.';
  sendPage(res, ProblemPage({ ctx, title, message }), 403);
  return true;
}

export function tenantEditPages(db: Db): Router {
  const router = Router();

  router.get('/tenants/new', (_req, res) => {
    if (refusedToViewer(res, 'New tenant')) return;
    sendPage(res, NewTenantPage({ ctx: pageContext(res), hrisForms: hrisSettingsForms() }));
  });

  router.get('/tenants/:id/settings', async (req, res) => {
    const tenant = await tenantToEdit(db, req.params.id);
    if (refusedToViewer(res, `Settings of ${tenant.name}`)) return;
    sendPage(res, TenantSettingsPage({ ctx: pageContext(res), tenant, hrisForm: hrisSettingsFormOf(tenant.hris.provider) }));
  });

  router.get('/tenants/:id/config', async (req, res) => {
    const tenant = await tenantToEdit(db, req.params.id);
    if (refusedToViewer(res, `Config of ${tenant.name}`)) return;
    sendPage(res, TenantConfigPage({ ctx: pageContext(res), tenant }));
  });

  return router;
}
