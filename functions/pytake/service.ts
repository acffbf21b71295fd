import { defineService, type HttpRoute } from '#shared/manifest';
import { feature as auth } from './auth/feature.ts';
import { feature as contacts } from './contacts/feature.ts';
import { feature as departments } from './departments/feature.ts';
import { feature as inbox } from './inbox/feature.ts';
import { authSchemes } from './contract.ts';
import { docs } from './docs/docs.route.ts';
import type { FeatureManifest } from './feature-manifest.ts';
import { getHealthRoute } from './health/get-health.route.ts';
import { feature as live, mayAnnounce } from './live/feature.ts';
import { feature as notifications } from './notifications/feature.ts';
import { feature as organizations } from './organizations/feature.ts';
import { feature as queueFeature } from './queues/feature.ts';
import { type PytakeResources, secrets } from './resources.ts';
import { feature as users } from './users/feature.ts';
import { feature as webhooks } from './webhooks/feature.ts';
import { feature as whatsapp } from './whatsapp/feature.ts';

// Each feature declares its routes, queues, schedules and webhooks in its `feature.ts`.
const features: FeatureManifest[] = [auth, organizations, users, contacts, whatsapp, webhooks, inbox, departments, queueFeature, notifications, live];

/** Every feature route issues or verifies access tokens, so each reads the token key. */
const withTokenKey = (route: HttpRoute<PytakeResources>): HttpRoute<PytakeResources> => ({
  ...route,
  access: { ...route.access, secrets: [...new Set([...(route.access?.secrets ?? []), secrets.jwt])] },
});

export default defineService<PytakeResources>({
  name: 'pytake',
  description: 'PyTake: multi-tenant WhatsApp Business automation (inbox, chatbot flows, campaigns)',
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
  webhooks: features.flatMap((f) => f.webhooks ?? []),
  queues: features.flatMap((f) => f.queues ?? []).map((queue) => ({ ...queue, consumer: mayAnnounce(queue.consumer) })),
  schedules: features.flatMap((f) => f.schedules ?? []).map(mayAnnounce),
  secrets: [{ name: secrets.jwt, description: 'Access tokens: {"JWT_SECRET": "<at least 32 random characters>"}' }],
  // Locally: a fixed token key.
  localEnvironment: {
    JWT_SECRET: 'local-pytake-jwt-secret-0123456789abcdef0123456789',
    // Wraps the data keys of the numbers' credentials (functions/pytake/whatsapp/secrets-at-rest.ts); KMS on AWS.
    SECRETS_LOCAL_KEY: '6c6f63616c2d707974616b652d736563726574732d61742d726573742d6b6579',
  },
  table: { globalIndexes: [{ name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }], ttlAttribute: 'expiresAt' },
});
