import { defineService, type HttpRoute } from '#shared/manifest';
import { feature as agents } from './agents/feature.ts';
import { feature as ai } from './ai/feature.ts';
import { feature as analytics } from './analytics/feature.ts';
import { feature as auth } from './auth/feature.ts';
import { feature as campaigns } from './campaigns/feature.ts';
import { feature as calls } from './calls/feature.ts';
import { feature as contacts } from './contacts/feature.ts';
import { authSchemes } from './contract.ts';
import { docs } from './docs/docs.route.ts';
import type { FeatureManifest } from './feature-manifest.ts';
import { getHealthRoute } from './health/get-health.route.ts';
import { feature as ivr } from './ivr/feature.ts';
import { feature as live, mayAnnounce } from './live/feature.ts';
import { feature as notifications } from './notifications/feature.ts';
import { feature as queueSizes } from './queues/feature.ts';
import { feature as reports } from './reports/feature.ts';
import { buckets, type KralikiResources, secrets } from './resources.ts';
import { feature as settings } from './settings/feature.ts';
import { feature as supervisor } from './supervisor/feature.ts';
import { feature as teams } from './teams/feature.ts';
import { feature as telephony } from './telephony/feature.ts';
import { feature as users } from './users/feature.ts';
import { feature as webhooks } from './webhooks/feature.ts';

/**
 * Every feature route verifies access tokens (its authenticator) or issues them (register, login,
 * refresh), so each is given the token secret; on AWS a function reads only the secrets its entry lists.
 */
const withTokenKey = (route: HttpRoute<KralikiResources>): HttpRoute<KralikiResources> => ({
  ...route,
  access: { ...route.access, secrets: [...new Set([...(route.access?.secrets ?? []), secrets.auth])] },
});
// Each feature declares its routes, queues, schedules and webhooks in its `feature.ts`.
const features: FeatureManifest[] = [
  auth,
  users,
  settings,
  agents,
  teams,
  ivr,
  webhooks,
  calls,
  telephony,
  supervisor,
  campaigns,
  contacts,
  analytics,
  reports,
  notifications,
  live,
  queueSizes,
  ai,
];

export default defineService<KralikiResources>({
  name: 'kraliki',
  description: 'Voice by Kraliki: call center over Twilio (agents, calls, IVR, supervision, campaigns)',
  http: {
    cors: { allowOrigins: ['*'], allowHeaders: ['content-type', 'authorization'], allowMethods: ['*'] },
    authSchemes,
    routes: [
      getHealthRoute,
      ...features
        .flatMap((f) => f.routes)
        .map(withTokenKey)
        .map(mayAnnounce),
      ...Object.values(docs),
    ],
  },
  websockets: features.flatMap((f) => f.websockets ?? []),
  webhooks: features.flatMap((f) => f.webhooks ?? []).map(mayAnnounce),
  queues: features.flatMap((f) => f.queues ?? []).map((queue) => ({ ...queue, consumer: mayAnnounce(queue.consumer) })),
  schedules: features.flatMap((f) => f.schedules ?? []).map(mayAnnounce),
  secrets: [
    { name: secrets.auth, description: 'Access tokens: {"ACCESS_TOKEN_KEY": "<at least 32 random characters>"}' },
    {
      name: secrets.twilio,
      description:
        'Twilio: {"TWILIO_ACCOUNT_SID": "AC…", "TWILIO_AUTH_TOKEN": "…", "PUBLIC_WEBHOOK_BASE_URL": "https://<host>/<path>" (webhook <name> at <base>/<name>; needed by the IVR)}',
    },
    {
      name: secrets.openai,
      description: 'Call analysis: {"OPENAI_API_KEY": "sk-…"} (optionally "OPENAI_BASE_URL" for a compatible server, "OPENAI_MODEL")',
    },
  ],
  // Locally: a fixed access-token key; the Twilio stand-in's account (infra/local/fakes/twilio.ts), whose callbacks reach the webhooks here.
  localEnvironment: {
    ACCESS_TOKEN_KEY: 'local-kraliki-access-key-0123456789abcdef0123456789',
    TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000000',
    TWILIO_AUTH_TOKEN: 'local-twilio-auth-token',
    PUBLIC_WEBHOOK_BASE_URL: '{baseUrl}/kraliki/webhooks',
    // The OpenAI stand-in (infra/local/fakes/openai.ts) analyses calls.
    OPENAI_BASE_URL: '{baseUrl}/_local/openai/v1',
    OPENAI_API_KEY: 'local',
    OPENAI_MODEL: 'local-model',
  },
  // Contact CSV files imported through the queue, deleted once imported.
  buckets: [
    { name: buckets.imports, expireAfterDays: 7 },
    // Report exports, fetched through presigned URLs; one older than a week is generated again.
    { name: buckets.reports, expireAfterDays: 7 },
  ],
  table: { globalIndexes: [{ name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }], ttlAttribute: 'expiresAt' },
});
