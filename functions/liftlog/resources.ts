/**
 * LiftLog's queues, buckets, secrets and WebSocket APIs, each named once. The
 * manifest declares them under these names, route and consumer declarations
 * grant access to them, and feature code sends, stores and reads through them;
 * `defineService<LiftlogResources>` refuses any other name. The names are also
 * the wire names (`QUEUE_URL_USER_ERASURE`, `BUCKET_PROFILE_PICTURES`), so they
 * change only with a migration.
 */
import type { NamesOf } from '#shared/manifest';

export const queues = {
  /** Erases a deleted account's data, a slice per message. */
  userErasure: 'user-erasure',
  /** A hub's model turns, answered outside the WebSocket route's 29 s. */
  coachTurns: 'coach-turns',
} as const;

export const buckets = {
  /** Profile pictures too large to keep in the user's item. */
  profilePictures: 'profile-pictures',
} as const;

export const secrets = {
  /** The AI coach's keys and store credentials (the names of coach/config.ts). */
  coach: 'coach',
} as const;

export const websocketApis = {
  /** The coach hub of the current app. */
  aiChatV2: 'aiChatV2',
  /** The coach hub of older apps. */
  aiChat: 'aiChat',
} as const;

export type LiftlogResources = NamesOf<{ queues: typeof queues; buckets: typeof buckets; secrets: typeof secrets; websocketApis: typeof websocketApis }>;
