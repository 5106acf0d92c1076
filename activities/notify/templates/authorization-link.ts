// The authorization link, for the tenant's HRIS admin: which HR system, where its key is created
// (CONNECTORS.md), the link, and until when it works. The authorization page reuses the guide.
import type { HrisProvider } from '../../../common/tenant';
import { escapeHtml, link, oneLine, page, paragraph, textFooter, utcTime, type MailContent } from './layout';

export interface KeyGuide {
  /** The HR system's name as its users know it. */
  name: string;
  /** Where in that system the key is created, and what it needs to see. */
  whereToCreate: string;
  /** False for systems that send files: nothing to paste. */
  takesKey: boolean;
}

const guides: Record<HrisProvider, KeyGuide> = {
  humaans: {
    name: 'Humaans',
    whereToCreate:
      'In Humaans, sign in as an admin or owner, open the ⋮ menu next to your name and choose "API access tokens", then "Generate new token". Tick "View public and private data" (the private:read scope): without it Roster cannot see new hires or leavers. Humaans shows the token only once, so copy it straight away.',
    takesKey: true,
  },
  worknice: {
    name: 'Worknice',
    whereToCreate:
      "A Worknice administrator creates an API token in Worknice's settings. Create it as a user who can see every person in the organisation; if you cannot find where, Worknice's support can point you to it.",
    takesKey: true,
  },
  bamboohr: {
    name: 'BambooHR',
    whereToCreate:
      'In BambooHR, click your name at the top right, choose "API Keys", then "Add New Key". The key acts as you, so create it while signed in as a user who can see every employee.',
    takesKey: true,
  },
  csv: {
    name: 'CSV files',
    whereToCreate: 'This organisation sends its directory to Roster as CSV files, so there is no key to enter: your Roster contact uploads the files.',
    takesKey: false,
  },
  demo: {
    name: 'the demo HR system',
    whereToCreate: "This is Roster's built-in demo directory: its key is demo-key.",
    takesKey: true,
  },
};

export const keyGuide = (provider: HrisProvider): KeyGuide => guides[provider];

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
  const create = `Create the key. ${guide.whereToCreate}`;
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
