/**
 * PenhaS's queues, buckets and secrets, each named once. Declarations grant
 * access by these names and feature code sends and reads through them;
 * `defineService<PenhasResources>` refuses any other name. The names are also
 * the wire names (`QUEUE_URL_SMS`, `SECRET_ID_SESSION`), so they change only
 * with a migration.
 */
import type { NamesOf } from '#shared/manifest';

export const queues = {
  /** Every SMS the service sends (guardian invites, panic alerts): one message per SMS, sent once. */
  sms: 'sms',
  /** Every e-mail the service sends (password reset codes). */
  email: 'email',
  /** News items found in the feeds, one job each: their page is read and their tags given. */
  newsIndex: 'news-index',
  /** One job per audio recording stored: its duration and waveform are read from the stored object. */
  audioAnalysis: 'audio-analysis',
  /** Events that notify someone (a like, a comment, a chat message unread for 5 minutes): each becomes her inbox rows. */
  notifications: 'notifications',
  /** One device push per message (a notification to all her devices), each device sent once. */
  push: 'push',
  /** An admin's broadcast, fanned out in pages of accounts, each account notified once. */
  broadcast: 'broadcast',
} as const;

export const buckets = {
  /** Images posted on the timeline (`POST /me/media`), served through short-lived presigned URLs; never public. */
  media: 'media',
  /** Audio evidence (`POST /me/audios`), served only to its owner, inline or through short-lived presigned URLs; never public. */
  audio: 'audio',
} as const;

export const secrets = {
  /** `SESSION_JWT_KEY`: the HS384 key of session tokens. */
  session: 'session',
  /** `IWEBSERVICE_KEY` (and optionally `IWEBSERVICE_URL`): the CPF registry. */
  cpfRegistry: 'cpf-registry',
  /** `ANON_QUIZ_SECRET`: the token the anonymous questionnaires' client presents. */
  anonQuiz: 'anon-quiz',
  /** `GOOGLE_GEOCODE_API`: the Google Geocoding API key (support points, `/geocode`). */
  geocoding: 'geocoding',
  /** `SNS_PLATFORM_ARN_ANDROID`, `SNS_PLATFORM_ARN_IOS`: the SNS platform applications devices register with. */
  push: 'push',
  /** `ADMIN_JWT_KEY` (the HS384 key of admin tokens) and `ADMIN_EMAIL`/`ADMIN_PASSWORD` (the first admin, created by the seed). */
  admin: 'admin',
} as const;

export const websocketApis = {} as const;

export type PenhasResources = NamesOf<{ queues: typeof queues; buckets: typeof buckets; secrets: typeof secrets; websocketApis: typeof websocketApis }>;
