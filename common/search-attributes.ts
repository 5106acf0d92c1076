// Search attributes registered on the Temporal server (dev server flags, compose set-up).
// Values are never encrypted: tenant id and stage only, never a name or an e-mail.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const RosterTenantId = defineSearchAttributeKey('RosterTenantId', SearchAttributeType.KEYWORD);
export const RosterStage = defineSearchAttributeKey('RosterStage', SearchAttributeType.KEYWORD);
export const rosterSearchAttributes = [RosterTenantId, RosterStage];
