// The webhook sources, one list: the receiving route's `:source`, the management routes and the
// published contract all derive from it.
import { z } from 'zod';
import type { HrisProvider } from '../../../activities/hris/registry';
import { ApiError } from '../../errors';
import type { WebhookSource } from '../source';
import { bamboohrSource } from './bamboohr';
import { humaansSource } from './humaans';
import { standardSource } from './standard';

export const webhookSources = {
  bamboohr: bamboohrSource,
  humaans: humaansSource,
  standard: standardSource,
} satisfies Record<string, WebhookSource>;

export type WebhookSourceName = keyof typeof webhookSources;

export const webhookSourceNames = Object.keys(webhookSources) as [WebhookSourceName, ...WebhookSourceName[]];

export const sourceNameSchema = z.enum(webhookSourceNames).meta({ description: `The webhook source: ${webhookSourceNames.join(', ')}.`, example: 'standard' });

/** The source a path names, or the 404 for a name Roster does not know. */
export function requireSourceName(name: string): WebhookSourceName {
  if (!Object.hasOwn(webhookSources, name)) throw new ApiError(404, 'webhook_source_not_found', `There is no webhook source '${name}': Roster takes ${webhookSourceNames.join(', ')}.`);
  return name as WebhookSourceName;
}

/** Whether a tenant reading from `provider` may set the source up. */
export function servesProvider(name: WebhookSourceName, provider: HrisProvider): boolean {
  const { serves } = webhookSources[name] as WebhookSource;
  return serves === 'any' || serves.includes(provider);
}

/** The sources a tenant reading from `provider` may set up, for messages. */
export const sourcesFor = (provider: HrisProvider) => webhookSourceNames.filter((name) => servesProvider(name, provider));
