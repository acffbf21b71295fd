import { defineService, type HttpRoute } from '#shared/manifest';
import { feature as accounts } from './accounts/feature.ts';
import { feature as audios } from './audios/feature.ts';
import { feature as admin } from './admin/feature.ts';
import { feature as badges } from './badges/feature.ts';
import { feature as chats } from './chats/feature.ts';
import { authSchemes } from './contract.ts';
import { docs } from './docs/docs.route.ts';
import type { FeatureManifest } from './feature-manifest.ts';
import { feature as guardians } from './guardians/feature.ts';
import { getHealthRoute } from './health/get-health.route.ts';
import { feature as messaging } from './messaging/feature.ts';
import { feature as points } from './points/feature.ts';
import { feature as news } from './news/feature.ts';
import { feature as notifications } from './notifications/feature.ts';
import { feature as quiz } from './quiz/feature.ts';
import { buckets, type PenhasResources, secrets } from './resources.ts';
import { feature as tasks } from './tasks/feature.ts';
import { feature as timeline } from './timeline/feature.ts';
import { feature as web } from './web/feature.ts';

/**
 * Every feature route verifies or signs session tokens (its authenticator, or login and sign-up), so
 * each is given the session secret; on AWS a function reads only the secrets its entry lists.
 */
const withSessionKey = (route: HttpRoute<PenhasResources>): HttpRoute<PenhasResources> => ({
  ...route,
  access: { ...route.access, secrets: [...new Set([...(route.access?.secrets ?? []), secrets.session])] },
});
// Each feature declares its routes, queues and schedules in its `feature.ts`.
const features: FeatureManifest[] = [accounts, guardians, tasks, quiz, web, messaging, timeline, news, points, chats, notifications, admin, badges, audios];

export default defineService<PenhasResources>({
  name: 'penhas',
  description: "PenhaS: women's-safety app (guardians, panic alert, safety tasks, chats, support points, audio evidence)",
  http: {
    cors: { allowOrigins: ['*'], allowHeaders: ['content-type', 'x-api-key', 'authorization'], allowMethods: ['*'] },
    authSchemes,
    routes: [getHealthRoute, ...features.flatMap((f) => f.routes).map(withSessionKey), ...Object.values(docs)],
  },
  queues: features.flatMap((f) => f.queues ?? []),
  schedules: features.flatMap((f) => f.schedules ?? []),
  secrets: [
    { name: secrets.session, description: 'Session tokens: {"SESSION_JWT_KEY": "<at least 32 random characters>"}' },
    { name: secrets.cpfRegistry, description: 'CPF registry (iWebService): {"IWEBSERVICE_KEY": "…"}' },
    { name: secrets.anonQuiz, description: 'Anonymous questionnaires: {"ANON_QUIZ_SECRET": "<the token their client sends>"}' },
    {
      name: secrets.admin,
      description:
        'Admin API: {"ADMIN_JWT_KEY": "<at least 32 random characters>", "ADMIN_EMAIL": "<the first admin>", "ADMIN_PASSWORD": "<at least 12 characters>"}',
    },
    { name: secrets.geocoding, description: 'Support points and /geocode: {"GOOGLE_GEOCODE_API": "<a Google Geocoding API key>"}' },
    {
      name: secrets.push,
      description:
        'Device push (SNS mobile push): {"SNS_PLATFORM_ARN_ANDROID": "<the FCM platform application ARN>", "SNS_PLATFORM_ARN_IOS": "<the APNs platform application ARN>"}',
    },
  ],
  // Locally: a fixed session key, and the CPF registry and ViaCep stand-ins of the runtime.
  localEnvironment: {
    SESSION_JWT_KEY: 'local-session-key-0123456789abcdef0123456789abcdef',
    // The admin API's token key and its first admin (created by the seed at start).
    ADMIN_JWT_KEY: 'local-admin-key-0123456789abcdef0123456789abcdef',
    ADMIN_EMAIL: 'admin@penhas.local',
    ADMIN_PASSWORD: 'local-admin-password',
    ANON_QUIZ_SECRET: 'local-anon-quiz-token',
    // The guardian invite SMS links to this runtime's own invite page.
    SMS_GUARD_LINK: '{baseUrl}/penhas/web/guardiao?token=',
    IWEBSERVICE_URL: '{baseUrl}/_local/cpf-registry/CPF/',
    IWEBSERVICE_KEY: 'local-iwebservice-key',
    VIACEP_URL: '{baseUrl}/_local/viacep',
    GEOCODING_URL: '{baseUrl}/_local/geocoding',
    GOOGLE_GEOCODE_API: 'local-geocoding-key',
    // Wraps the private chats' data keys locally (functions/penhas/chats/message-crypto.ts); KMS on AWS.
    CHAT_LOCAL_KEY: '6c6f63616c2d70656e6861732d636861742d6d6573736167652d6b65792d3031',
    // Locally a new support point shows at once; on AWS the full list is kept a minute per environment.
    PA_LIST_CACHE_SECONDS: '0',
    // Links the timeline hands out (media, news, image proxy) point at this runtime; feeds come from the RSS stand-in.
    PUBLIC_API_URL: '{baseUrl}/penhas/',
    NEWS_FEED_PROXY: '{baseUrl}/_local/rss/feed?url=',
    NEWS_INDEX_SPACING_SECONDS: '0',
    // Device push: the real SNS client talks to the runtime's SNS stand-in, on its platform applications.
    AWS_ENDPOINT_URL_SNS: '{baseUrl}/_local/sns',
    SNS_PLATFORM_ARN_ANDROID: 'arn:aws:sns:us-east-1:000000000000:app/GCM/penhas-android',
    SNS_PLATFORM_ARN_IOS: 'arn:aws:sns:us-east-1:000000000000:app/APNS/penhas-ios',
  },
  // Timeline images; served only through short-lived presigned URLs.
  // Audio evidence: kept 5 years (the schedule deletes an event's recordings then; this rule catches any it missed); presigned uploads land under pending/.
  buckets: [{ name: buckets.media }, { name: buckets.audio, expireAfterDays: 5 * 365 + 2, pendingPrefix: 'pending/' }],
  table: { globalIndexes: [{ name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }], ttlAttribute: 'expiresAt' },
  // Content is data: the task catalog, the web pages and the questionnaires, written at start and after each deploy.
  seed: { handler: 'functions/penhas/content/seed.ts', timeoutSeconds: 60, memoryMb: 512, access: { secrets: [secrets.admin] } },
});
