// A run held by the deactivation guard, for the error recipients and support: how many, why,
// how to decide, and by when. It names nobody; the run's items list the people concerned.
import { escapeHtml, link, oneLine, page, paragraph, plural, textFooter, utcTime, type MailContent } from './layout';

export interface HeldRun {
  tenantName: string;
  hold: { reason: string; deactivations: number; limit: number };
  expiresAt: string;
  /** `${publicUrl}/api/syncs/<id>`: approve, reject and the items hang off it. */
  runUrl: string;
}

export function heldRunMail(run: HeldRun): MailContent {
  const tenant = oneLine(run.tenantName);
  const { deactivations, limit, reason } = run.hold;
  const subject = `${tenant}: a sync is waiting for approval (${plural(deactivations, 'deactivation')})`;
  const summary = `A sync for ${tenant} would deactivate ${plural(deactivations, 'account')}; the most it may deactivate without approval is ${limit}. It is on hold, and nothing has been applied yet.`;
  const check = 'Please check that these people have really left or moved out of scope. The accounts it would deactivate are listed at:';
  const itemsUrl = `${run.runUrl}/items?action=deactivate`;
  const decide = 'Then support approves or rejects the run (this needs a Roster token with the support role):';
  const [approve, reject] = [`POST ${run.runUrl}/approve`, `POST ${run.runUrl}/reject`];
  const example = `For example: curl -X POST -H "Authorization: Bearer <token>" ${run.runUrl}/approve`;
  const after = 'On approval Roster reads the HR system again and goes ahead if the deactivations are among those approved; otherwise it asks again.';
  const expiry = `If nobody decides by ${utcTime(run.expiresAt)}, the run is cancelled and none of it is applied.`;

  const text = [summary, '', `Why: ${reason}`, '', check, `  ${itemsUrl}`, '', decide, `  Approve: ${approve}`, `  Reject:  ${reject}`, example, '', after, expiry].join('\n');

  const html = page(`A sync for ${tenant} is waiting for approval`, [
    paragraph(escapeHtml(summary)),
    paragraph(`<strong>Why:</strong> ${escapeHtml(reason)}`),
    paragraph(`${escapeHtml(check)} ${link(itemsUrl)}`),
    paragraph(escapeHtml(decide)),
    `<ul><li>Approve: <code>${escapeHtml(approve)}</code></li><li>Reject: <code>${escapeHtml(reject)}</code></li></ul>`,
    paragraph(`<code>${escapeHtml(example.replace('For example: ', ''))}</code>`),
    paragraph(escapeHtml(after)),
    paragraph(`<strong>${escapeHtml(expiry)}</strong>`),
  ].join('\n'));

  return { subject, text: text + textFooter, html };
}
