// The authorization link, for the tenant's HRIS admin: which HR system, where its key is created
// (the system's descriptor, activities/hris/registry.ts), the link, and until when it works. The
// authorization page reuses the guide.
import type { HrisDescriptor } from '../../hris/descriptor';
import { hrisRegistry, type HrisProvider } from '../../hris/registry';
import { escapeHtml, link, oneLine, page, paragraph, textFooter, utcTime, type MailContent } from './layout';

/** What the customer is told about the key: the HR system's name, where its key is made, whether there is one. */
export type KeyGuide = Pick<HrisDescriptor, 'name' | 'whereToCreateKey' | 'takesKey'>;

export const keyGuide = (provider: HrisProvider): KeyGuide => hrisRegistry[provider];

export interface AuthorizationLinkMail {
  tenantName: string;
  provider: HrisProvider;
  /** `${publicUrl}/authorize/<token>`. */
  url: string;
  expiresAt: string;
}

export function authorizationLinkMail(mail: AuthorizationLinkMail): MailContent {
  const tenant = oneLine(mail.tenantName);
  const guide = keyGuide(mail.provider);
  const subject = `${tenant}: please connect ${guide.name} to Roster`;
  const why = `Roster keeps ${tenant}'s platform accounts in step with ${guide.name}. To read the directory it needs an API key from ${guide.name}; it only ever reads.`;
  const create = `Create the key. ${guide.whereToCreateKey}`;
  const paste = 'Open this link and paste the key. Roster checks it with the HR system at once and tells you whether it works:';
  const expiry = `The link works once, until ${utcTime(mail.expiresAt)}. It is meant for you alone: please do not forward it.`;
  const help = 'If the link has expired, or you did not expect this e-mail, ask your Roster contact for a new link.';

  const text = ['Hello,', '', why, '', `1. ${create}`, '', `2. ${paste}`, `   ${mail.url}`, '', expiry, help].join('\n');
  const html = page(`Connect ${guide.name} for ${tenant}`, [
    paragraph(escapeHtml(why)),
    `<ol><li>${escapeHtml(create)}</li><li>${escapeHtml(paste)} ${link(mail.url)}</li></ol>`,
    paragraph(`<strong>${escapeHtml(expiry)}</strong>`),
    paragraph(escapeHtml(help)),
  ].join('\n'));

  return { subject, text: text + textFooter, html };
}
