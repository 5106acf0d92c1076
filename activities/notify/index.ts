// E-mail: templates, a durable outbox that queues without waiting, and its delivery.
export { createMailer } from './mailer';
export type { Mailer, MailAttachment, OutgoingMail } from './mailer';
export { deliverPending, type Deliverer, type MailKind } from './outbox';
export { enqueueRunReport, type NotifyTenant, type RunOutcome, type RunReportInput } from './run-report';
export { enqueueHoldNotice, type HoldNoticeInput } from './hold-notice';
export { enqueueWelcomes, type WelcomesInput } from './welcomes';
export { loadNotifyTenant } from './tenant';
