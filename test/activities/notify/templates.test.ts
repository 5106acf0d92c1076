// The templates are pure: plain English, escaped HTML, and only http(s) links.
import { describe, expect, it } from 'vitest';
import { heldRunMail } from '../../../activities/notify/templates/held-run';
import { escapeHtml } from '../../../activities/notify/templates/layout';
import { recordErrorsMail } from '../../../activities/notify/templates/record-errors';
import { runSummaryMail } from '../../../activities/notify/templates/run-summary';
import { welcomeMail } from '../../../activities/notify/templates/welcome';

const hostile = 'Acme <script>alert("x")</script> & "Sons"';
const report = { url: 'https://roster.example.com/reports/eyJhbGciOiJIUzI1NiJ9.e30.c2ln', expiresAt: '2025-07-31T02:00:00Z' };
const runPageUrl = 'https://roster.example.com/runs/run-1';

/** The hostile text must appear only escaped, never as markup. */
function expectEscaped(html: string) {
  expect(html).not.toContain('<script>');
  expect(html).toContain(escapeHtml('<script>alert("x")</script> & "Sons"'));
}

describe('templates', () => {
  it('escapes what comes from data in every HTML body, and keeps subjects on one line', () => {
    const counts = { created: 1, updated: 0, deactivated: 0, reactivated: 0, anonymised: 0, unchanged: 0, skipped: 0, excluded: 0, failed: 0, groupsCreated: 0, groupsUpdated: 0, groupsRemoved: 0 };
    const mails = [
      runSummaryMail({ tenantName: hostile, trigger: 'manual', mode: 'apply', status: 'error', counts, startedAt: '2025-07-01T02:00:00Z', finishedAt: '2025-07-01T04:05:00Z', error: { code: 'x', message: '<b>bold</b>' }, report }),
      recordErrorsMail({ tenantName: hostile, mode: 'apply', skipped: 1, failed: 0, topReasons: [{ code: '<i>odd</i>', count: 1 }], attachedRows: 1, truncated: false, report }),
      heldRunMail({ tenantName: hostile, hold: { reason: 'over <limit>', deactivations: 3, limit: 2 }, expiresAt: '2025-07-04T02:00:00Z', runPageUrl }),
      welcomeMail({ firstName: hostile, tenantName: hostile, userName: 'ann@acme.example', loginUrl: 'https://app.example/login?a=1&b=2' }),
    ];
    for (const mail of mails) {
      expectEscaped(mail.html);
      expect(mail.html).toMatch(/^<!doctype html>\n<html lang="en">/);
      expect(mail.subject).not.toMatch(/[\r\n]/);
    }
    expect(mails[0]!.html).toContain('&lt;b&gt;bold&lt;/b&gt;');
    expect(mails[0]!.text).toContain('Took 2 h 5 min.');
    expect(mails[1]!.html).toContain('&lt;i&gt;odd&lt;/i&gt;');
    expect(mails[2]!.html).toContain('over &lt;limit&gt;');
    expect(mails[3]!.html).toContain('<a href="https://app.example/login?a=1&amp;b=2">');
    expect(welcomeMail({ firstName: 'Ann', tenantName: 'Line\nbreak Ltd', userName: 'ann' }).subject).toBe('Welcome: your Line break Ltd account is ready');
  });

  it('never turns a stored value into a script link', () => {
    const mail = welcomeMail({ firstName: 'Ann', tenantName: 'Acme', userName: 'ann', loginUrl: 'javascript:alert(1)' });
    expect(mail.html).not.toContain('href');
    expect(mail.html).toContain('javascript:alert(1)');
  });

  it('marks up counts as a table with headers and a caption', () => {
    const counts = { created: 3, updated: 2, deactivated: 1, reactivated: 0, anonymised: 0, unchanged: 40, skipped: 0, excluded: 5, failed: 0, groupsCreated: 1, groupsUpdated: 0, groupsRemoved: 0 };
    const { html } = runSummaryMail({ tenantName: 'Acme', trigger: 'schedule', mode: 'apply', status: 'success', counts, startedAt: '2025-07-01T02:00:00Z', finishedAt: '2025-07-01T02:00:09Z', report });
    expect(html).toContain('<caption');
    expect(html).toMatch(/<th scope="row"[^>]*>Accounts created<\/th><td[^>]*>3<\/td>/);
    expect(html).toContain(`<a href="${report.url}">The run&#39;s report</a>`);
  });

  it('says where to download the rest when errors.csv was cut: the signed report, with until when it works', () => {
    const mail = recordErrorsMail({ tenantName: 'Acme', mode: 'apply', skipped: 90_000, failed: 12, topReasons: [{ code: 'missing_identity_key', count: 90_000 }], attachedRows: 61_000, truncated: true, report });
    expect(mail.text).toContain(`holds the first 61000 of 90012 records`);
    expect(mail.text).toContain(`with the whole errors.csv to download:\n  ${report.url}`);
    expect(mail.text).toContain('The link works without signing in until 2025-07-31 02:00 UTC');
    expect(mail.html).toContain(`<a href="${report.url}">`);
  });

  it('links the hold notice to the run in the console, and no mail to the API', () => {
    const counts = { created: 1, updated: 0, deactivated: 0, reactivated: 0, anonymised: 0, unchanged: 0, skipped: 1, excluded: 0, failed: 0, groupsCreated: 0, groupsUpdated: 0, groupsRemoved: 0 };
    const held = heldRunMail({ tenantName: 'Acme', hold: { reason: 'too many', deactivations: 30, limit: 25 }, expiresAt: '2025-07-04T02:00:00Z', runPageUrl });
    expect(held.text).toContain(`on the run's page in the Roster console:\n  ${runPageUrl}`);
    expect(held.html).toContain(`<a href="${runPageUrl}">`);
    const mails = [
      held,
      runSummaryMail({ tenantName: 'Acme', trigger: 'schedule', mode: 'apply', status: 'warning', counts, startedAt: '2025-07-01T02:00:00Z', finishedAt: '2025-07-01T02:00:09Z', report }),
      recordErrorsMail({ tenantName: 'Acme', mode: 'apply', skipped: 1, failed: 0, topReasons: [{ code: 'missing_identity_key', count: 1 }], attachedRows: 1, truncated: false, report }),
    ];
    for (const mail of mails) expect(`${mail.text}${mail.html}`).not.toContain('/api/');
  });
});
