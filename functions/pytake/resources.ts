/**
 * PyTake's queues, buckets, secrets and WebSocket APIs, each named once.
 * Declarations grant access by these names and feature code sends and reads
 * through them; `defineService<PytakeResources>` refuses any other name. The
 * names are also the wire names (`QUEUE_URL_<NAME>`, `SECRET_ID_<NAME>`), so
 * they change only with a migration.
 */
import type { NamesOf } from '#shared/manifest';

export const queues = {
  /** Verified Meta webhook changes, acknowledged at once and processed by the consumer (functions/pytake/webhooks). */
  metaWebhook: 'meta-webhook',
  /** Outbound WhatsApp messages, paced and sent through the Graph API (functions/pytake/inbox/deliver-message.ts); failures past the retries land in its DLQ. */
  sendMessage: 'send-message',
  /** Live events to post to the organization's WebSocket connections (functions/pytake/live/deliver-events.ts): a request or webhook enqueues, the consumer posts. */
  liveEvents: 'live-events',
  /** Notifications to create for an event (assignment, SLA warning, new contact, closed conversation): its recipients' preferences applied, each stored once, announced live, e-mailed (functions/pytake/notifications/deliver-notifications.ts). */
  notifications: 'notifications',
} as const;

export const buckets = {} as const;

export const secrets = {
  /** `JWT_SECRET`: the HS256 key of access tokens (every route that issues or verifies one reads it). */
  jwt: 'jwt',
} as const;

export const websocketApis = {
  /** Agents' and supervisors' live events: JWT at `$connect`, events of their organization only (functions/pytake/live). */
  live: 'live',
} as const;

export type PytakeResources = NamesOf<{ queues: typeof queues; buckets: typeof buckets; secrets: typeof secrets; websocketApis: typeof websocketApis }>;
