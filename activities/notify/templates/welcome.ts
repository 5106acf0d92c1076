// The welcome a newly created user gets, at their work e-mail: their own name and user name only.
import { escapeHtml, link, oneLine, page, paragraph, type MailContent } from './layout';

export interface Welcome {
  firstName: string;
  tenantName: string;
  userName: string;
  /** The platform's sign-in page, when the tenant's platform settings give one. */
  loginUrl?: string;
}

export function welcomeMail(welcome: Welcome): MailContent {
  const tenant = oneLine(welcome.tenantName);
  const name = oneLine(welcome.firstName);
  const subject = `Welcome: your ${tenant} account is ready`;
  const intro = `${tenant} has set up an account for you.`;
  const user = `Your user name is ${welcome.userName}.`;
  const signIn = welcome.loginUrl ? 'Sign in here:' : 'Your team will tell you where to sign in.';
  const help = `If you did not expect this e-mail, please contact your HR or IT team at ${tenant}.`;

  const text = [`Hi ${name},`, '', intro, user, '', welcome.loginUrl ? `${signIn} ${welcome.loginUrl}` : signIn, '', help].join('\n');
  const html = page(`Welcome, ${name}`, [
    paragraph(escapeHtml(intro)),
    paragraph(escapeHtml(user)),
    paragraph(welcome.loginUrl ? `${escapeHtml(signIn)} ${link(welcome.loginUrl)}` : escapeHtml(signIn)),
    paragraph(escapeHtml(help)),
  ].join('\n'), false);

  return { subject, text: text + '\n', html };
}
