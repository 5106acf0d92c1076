// Links into the console that Roster e-mails to support, under ROSTER_PUBLIC_URL.
const consoleUrl = (publicUrl: string, path: string) => `${publicUrl.replace(/\/+$/, '')}${path}`;

export const runPageUrl = (publicUrl: string, syncId: string) => consoleUrl(publicUrl, `/runs/${encodeURIComponent(syncId)}`);
export const tenantPageUrl = (publicUrl: string, tenantId: string) => consoleUrl(publicUrl, `/tenants/${encodeURIComponent(tenantId)}`);
