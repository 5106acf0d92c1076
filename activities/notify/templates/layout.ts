// What every template shares: escaping, a plain accessible HTML page, and small formatting helpers.
export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

export const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Names and codes go into subjects and single lines: no line breaks, whatever the data holds. */
export const oneLine = (value: string): string => value.replace(/\s+/g, ' ').trim();

/** A link only for http(s) addresses, so a stored value can never become a script link. */
export function link(url: string, label = url): string {
  return /^https?:\/\//i.test(url) ? `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>` : escapeHtml(url);
}

export const paragraph = (html: string) => `<p>${html}</p>`;

/** A two-column table with a caption and header cells, which screen readers announce. */
export function table(caption: string, headers: [string, string], rows: [string, string | number][]): string {
  const head = `<tr><th scope="col" style="text-align:left;padding:4px 12px 4px 0">${escapeHtml(headers[0])}</th><th scope="col" style="text-align:right;padding:4px 0">${escapeHtml(headers[1])}</th></tr>`;
  const body = rows
    .map(([label, value]) => `<tr><th scope="row" style="text-align:left;font-weight:normal;padding:4px 12px 4px 0">${escapeHtml(label)}</th><td style="text-align:right;padding:4px 0">${escapeHtml(String(value))}</td></tr>`)
    .join('');
  return `<table style="border-collapse:collapse"><caption style="text-align:left;font-weight:bold;padding-bottom:4px">${escapeHtml(caption)}</caption><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

/** `signed`: whether to say Roster sent it (not to a new user, who knows only the platform). */
export function page(title: string, bodyHtml: string, signed = true): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head>`,
    `<body style="font-family:sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:40em">`,
    `<h1 style="font-size:20px">${escapeHtml(title)}</h1>`,
    bodyHtml,
    ...(signed ? ['<p style="color:#555;font-size:14px">Sent by Roster, which keeps your HR system and platform accounts in step.</p>'] : []),
    '</body></html>',
  ].join('\n');
}

export const textFooter = '\n-- \nSent by Roster, which keeps your HR system and platform accounts in step.\n';

/** "2 h 5 min", "3 min 12 s", "40 s". */
export function duration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const [h, m, s] = [Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60), seconds % 60];
  if (h > 0) return `${h} h ${m} min`;
  return m > 0 ? `${m} min ${s} s` : `${s} s`;
}

/** "2025-07-10 14:00 UTC": one unambiguous time for readers in any timezone. */
export const utcTime = (iso: string): string => `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** A run's signed report (common/report-links.ts): no sign-in, so the mail says until when, and to share it with care. */
export interface ReportLink {
  url: string;
  expiresAt: string;
}

export const reportLinkNote = (report: ReportLink): string =>
  `The link works without signing in until ${utcTime(report.expiresAt)}; anyone who has it can see these records, so please share it only with people who may.`;

export const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
