// A link mail never holds its link at rest: the outbox row's text has a slot where the token
// goes, and the row keeps only the reference of the sealed token. The token is filled in while
// the mail is sent (outbox.ts), and its sealed copy deleted once the mail is sent or has failed.
import type { Db } from '../../common/db';
import type { SecretStore } from '../../common/secrets';
import { UnfixableError } from '../../common/unfixable';
import type { OutgoingMail } from './mailer';

/** Stands for the link's token in a queued mail; base64url tokens never contain braces. */
export const LINK_TOKEN_SLOT = '{link-token}';

/** The mail as it is sent, its link's token filled in; undefined when the sealed token is gone or unusable. */
export async function withLinkToken(secrets: SecretStore, tenantId: string, ref: string, mail: OutgoingMail): Promise<OutgoingMail | undefined> {
  const token = await secrets.find(tenantId, 'link_token', ref).catch((error: unknown) => {
    if (error instanceof UnfixableError) return undefined;
    throw error;
  });
  if (token === undefined) return undefined;
  return { ...mail, text: mail.text.replaceAll(LINK_TOKEN_SLOT, token), html: mail.html?.replaceAll(LINK_TOKEN_SLOT, token) };
}

/** Once sent or failed for good, the mail's sealed token goes with its reference. */
export async function forgetLinkToken(secrets: SecretStore, trx: Db, ref: string | null): Promise<{ link_token_ref: null } | Record<string, never>> {
  if (ref === null) return {};
  await secrets.delete(ref, trx);
  return { link_token_ref: null };
}
