import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // A link mail keeps the reference of its sealed token, never the link: delivery fills the token
  // into the text while sending, then deletes it (activities/notify/link-slot.ts).
  await knex.schema.alterTable('mail_outbox', (t) => {
    t.uuid('link_token_ref');
  });
  // Link mails queued before this kept the link in their text, and failed ones kept it for good:
  // what they held goes. One still pending can no longer be sent; support issues a new link.
  await knex('mail_outbox')
    .where({ kind: 'authorization_link' })
    .update({
      text: '(an authorization link, not kept)',
      html: null,
      status: knex.raw(`case when status = 'pending' then 'failed' else status end`),
      last_error: knex.raw(`case when status = 'pending' then 'link not kept: issue a new link' else last_error end`),
    });
  // The retention purge finds a tenant's old attempts by time.
  await knex.schema.alterTable('authorization_attempts', (t) => {
    t.index(['tenant_id', 'at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('authorization_attempts', (t) => {
    t.dropIndex(['tenant_id', 'at']);
  });
  await knex.schema.alterTable('mail_outbox', (t) => {
    t.dropColumn('link_token_ref');
  });
}
