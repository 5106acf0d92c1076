// A problem Roster found with a tenant, for support, sent once when it opens: what it is, since
// when, what to do and what will close it. Ids, counts and codes only: it names no person.
import { problemKinds, type ProblemDetail, type ProblemType } from '../../../common/tenant-health/problems';
import { escapeHtml, link, oneLine, page, paragraph, textFooter, utcTime, type MailContent } from './layout';

export interface TenantProblemNotice {
  tenantName: string;
  tenantId: string;
  type: ProblemType;
  openedAt: string;
  detail: ProblemDetail;
  /** The tenant's page in the console. */
  tenantPageUrl: string;
}

/** The detail in words: "run 1234…, code platform_credentials_rejected". */
export function detailWords(detail: ProblemDetail): string {
  const parts = [
    detail.syncId && `run ${detail.syncId}`,
    detail.code && `code ${detail.code}`,
    detail.runs !== undefined && `${detail.runs} runs in a row`,
    detail.mailId && `e-mail ${detail.mailId}`,
    detail.lastSuccessAt && `last successful run ${utcTime(detail.lastSuccessAt)}`,
    detail.intervalHours !== undefined && `schedule interval ${detail.intervalHours} h`,
  ];
  return parts.filter((part): part is string => typeof part === 'string' && part !== '').join(', ');
}

export function tenantProblemMail(notice: TenantProblemNotice): MailContent {
  const kind = problemKinds[notice.type];
  const tenant = oneLine(notice.tenantName);
  const subject = `${tenant}: ${kind.title}`;
  const since = `Since ${utcTime(notice.openedAt)} (problem ${notice.type}, tenant ${notice.tenantId}).`;
  const details = detailWords(notice.detail);
  const todo = `What to do: ${kind.whatToDo}`;
  const closes = `Roster closes this problem itself on ${kind.resolvedWhen}, and will not e-mail about it again meanwhile; it stays in the daily digest while open.`;
  const text = [`${kind.title}.`, since, ...(details ? [`Details: ${details}.`] : []), '', todo, '', 'The tenant in the Roster console:', `  ${notice.tenantPageUrl}`, '', closes].join('\n');
  const html = page(`${tenant}: ${kind.title}`, [
    paragraph(escapeHtml(since)),
    ...(details ? [paragraph(`<strong>Details:</strong> ${escapeHtml(details)}`)] : []),
    paragraph(escapeHtml(todo)),
    paragraph(`The tenant in the Roster console: ${link(notice.tenantPageUrl)}`),
    paragraph(escapeHtml(closes)),
  ].join('\n'));
  return { subject, text: text + textFooter, html };
}
