// A run held by the deactivation guard, for the error recipients and support: how many, why,
// where support decides, and by when. It names nobody; the run's page lists the people concerned.
import { escapeHtml, link, oneLine, page, paragraph, plural, textFooter, utcTime, type MailContent } from './layout';

export interface HeldRun {
  tenantName: string;
  hold: { reason: string; deactivations: number; limit: number };
  expiresAt: string;
  /** The run's page in the console (`${publicUrl}/runs/<id>`): its staged deactivations, Approve and Reject. */
  runPageUrl: string;
}

export function heldRunMail(run: HeldRun): MailContent {
  const tenant = oneLine(run.tenantName);
  const { deactivations, limit, reason } = run.hold;
  const subject = `${tenant}: a sync is waiting for approval (${plural(deactivations, 'deactivation')})`;
  const summary = `A sync for ${tenant} would deactivate ${plural(deactivations, 'account')}; the most it may deactivate without approval is ${limit}. It is on hold, and nothing has been applied yet.`;
  const decide = "Support checks the accounts it would deactivate, and approves or rejects the run, on the run's page in the Roster console:";
  const check = 'If you know whether these people have really left or moved out of scope, please tell your Roster support contact.';
  const after = 'On approval Roster reads the HR system again and goes ahead if the deactivations are among those approved; otherwise it asks again.';
  const expiry = `If nobody decides by ${utcTime(run.expiresAt)}, the run is cancelled and none of it is applied.`;

  const text = [summary, '', `Why: ${reason}`, '', decide, `  ${run.runPageUrl}`, '', check, after, expiry].join('\n');

  const html = page(`A sync for ${tenant} is waiting for approval`, [
    paragraph(escapeHtml(summary)),
    paragraph(`<strong>Why:</strong> ${escapeHtml(reason)}`),
    paragraph(`${escapeHtml(decide)} ${link(run.runPageUrl)}`),
    paragraph(escapeHtml(check)),
    paragraph(escapeHtml(after)),
    paragraph(`<strong>${escapeHtml(expiry)}</strong>`),
  ].join('\n'));

  return { subject, text: text + textFooter, html };
}
