/**
 * Kraliki's queues, buckets, secrets and WebSocket APIs, each named once.
 * Declarations grant access by these names and feature code reads through
 * them; `defineService<KralikiResources>` refuses any other name. The names
 * are also wire names (`SECRET_ID_AUTH`), so they change only with a migration.
 *
 * A feature that needs a queue (outbound dialing, CSV imports), a bucket or a
 * WebSocket API adds its entry here, with a line saying what travels through it.
 */
import type { NamesOf } from '#shared/manifest';

export const queues = {
  /** Twilio work a call's status callback sets off: dialing the assigned agent into the call's conference, and releasing her when the call ends (calls/call-jobs.ts). */
  callWork: 'call-work',
  /** Slices of a large contacts CSV, one job each (contacts/import-consumer.ts); each job enqueues the next. */
  contactImport: 'contact-import',
  /** Live events to post to the organization's WebSocket connections (functions/kraliki/live/deliver-events.ts): a request or webhook enqueues, the consumer posts. */
  liveEvents: 'live-events',
  /** Outbound campaign work (campaigns/dialer-jobs.ts): sweeps of a campaign's due contacts, one paced dial per contact attempt, and each dialed call's outcome. */
  campaignDial: 'campaign-dial',
  /** A call's transcripts to analyse with the language model (ai/analysis.ts): summary, sentiment, agent-assist suggestions. */
  callAi: 'call-ai',
  /** Report exports to build, one job each (reports/export-report.ts): the CSV goes to the `reports` bucket. */
  reportExport: 'report-export',
} as const;

export const buckets = {
  /** Contact CSV files too large to import in the request, kept until their import is done (expire after 7 days). */
  imports: 'imports',
  /** Report CSV files, downloaded through short-lived presigned URLs (expire after 7 days). */
  reports: 'reports',
} as const;

export const secrets = {
  /** `ACCESS_TOKEN_KEY`: the HS256 key of access tokens (at least 32 characters). */
  auth: 'auth',
  /** `TWILIO_ACCOUNT_SID`, `TWILIO_AUTH_TOKEN` (it signs every webhook request), and `PUBLIC_WEBHOOK_BASE_URL` (where the webhooks are reachable, `<base>/<name>`). */
  twilio: 'twilio',
  /** `OPENAI_API_KEY` (and optionally `OPENAI_BASE_URL`, `OPENAI_MODEL`): the language model that analyses call transcripts. */
  openai: 'openai',
} as const;

export const websocketApis = {
  /** Agents' and supervisors' live events: JWT at `$connect`, events of their organization only (functions/kraliki/live). */
  live: 'live',
} as const;

export type KralikiResources = NamesOf<{ queues: typeof queues; buckets: typeof buckets; secrets: typeof secrets; websocketApis: typeof websocketApis }>;
