// Once a day, to each support address: every problem still open among its tenants, oldest first.
import { problemKinds, type ProblemType } from '../../../common/tenant-health/problems';
import { escapeHtml, link, oneLine, page, paragraph, plural, textFooter, utcTime, type MailContent } from './layout';

export interface DigestTenant {
  id: string;
  name: string;
  pageUrl: string;
  problems: { type: ProblemType; openedAt: string }[];
}

export function healthDigestMail({ day, tenants }: { day: string; tenants: DigestTenant[] }): MailContent {
  const count = tenants.reduce((sum, tenant) => sum + tenant.problems.length, 0);
  const subject = `Roster: ${plural(count, 'open problem')} in ${plural(tenants.length, 'tenant')} (${day})`;
  const intro = 'Problems Roster found and has not yet seen resolved. Each was e-mailed once when it opened; Roster closes each by itself once it is put right.';
  const line = (problem: DigestTenant['problems'][number]) => `${problemKinds[problem.type].title} (since ${utcTime(problem.openedAt)})`;
  const text = [intro, '', ...tenants.flatMap((tenant) => [`${oneLine(tenant.name)} (${tenant.id}): ${tenant.pageUrl}`, ...tenant.problems.map((problem) => `  - ${line(problem)}`), ''])].join('\n');
  const html = page(`Open problems on ${day}`, [
    paragraph(escapeHtml(intro)),
    ...tenants.map((tenant) => `<h2 style="font-size:17px">${link(tenant.pageUrl, `${oneLine(tenant.name)} (${tenant.id})`)}</h2>\n<ul>${tenant.problems.map((problem) => `<li>${escapeHtml(line(problem))}</li>`).join('')}</ul>`),
  ].join('\n'));
  return { subject, text: text + textFooter, html };
}
