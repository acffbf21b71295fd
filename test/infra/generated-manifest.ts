/**
 * A service manifest of any size with the variety of the planned products (PenhaS ~90,
 * PyTake ~190, Kraliki ~120 routes): a dozen feature folders of uneven size, every auth
 * kind, read and write table access, list endpoints that paginate, senders to queues,
 * bucket users, secret readers and provider senders, plus WebSocket routes, webhooks,
 * queue consumers and schedules. Deterministic: the same size gives the same manifest.
 */
import { defineService, type Access, type AuthKind, type HttpMethod, type HttpRoute, type ServiceManifest } from '../../shared/manifest.ts';

export const GENERATED_SERVICE = 'generated';

/** Feature folders and their share of the routes. */
const features: [string, number][] = [
  ['conversations', 18],
  ['contacts', 14],
  ['campaigns', 12],
  ['flows', 10],
  ['messages', 9],
  ['agents', 8],
  ['calls', 8],
  ['templates', 6],
  ['reports', 5],
  ['media', 4],
  ['settings', 3],
  ['tags', 3],
];
const queueOf: Record<string, string> = { campaigns: 'campaign-sends', messages: 'outbound-messages' };
const authKinds: AuthKind[] = ['jwt', 'jwt', 'jwt', 'api-key', 'none', 'password', 'pro-token'];
const methods: HttpMethod[] = ['GET', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** mulberry32: a small seeded generator, so the manifest never changes between runs. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `handlerRoot` is where the `generated/<feature>/<action>.ts` modules are (or would be). */
export function generatedManifest(routeCount: number, handlerRoot = 'functions'): ServiceManifest {
  const next = random(routeCount);
  const pick = <T>(values: T[]): T => values[Math.floor(next() * values.length)];
  const handler = (feature: string, action: string) => `${handlerRoot}/${GENERATED_SERVICE}/${feature}/${action}.ts`;
  const totalWeight = features.reduce((sum, [, weight]) => sum + weight, 0);

  const routes: HttpRoute[] = [];
  features.forEach(([feature, weight], featureIndex) => {
    const count = featureIndex === features.length - 1 ? routeCount - routes.length : Math.round((routeCount * weight) / totalWeight);
    for (let i = 0; i < count; i++) {
      const method = pick(methods);
      const access: Access = method === 'GET' ? { table: 'read', paginates: next() < 0.4 } : {};
      const roll = next();
      if (method !== 'GET' && queueOf[feature] && roll < 0.5) access.sendsTo = [queueOf[feature]];
      else if (method !== 'GET' && roll < 0.12) access.sendsTo = ['notifications'];
      if (feature === 'media') access.buckets = { media: method === 'GET' ? 'read' : 'readwrite' };
      if (feature === 'settings' && method !== 'GET') access.secrets = ['whatsapp'];
      if (feature === 'calls' && roll > 0.85) access.providers = ['sms'];
      if (feature === 'agents' && roll > 0.9) access.providers = ['email'];
      routes.push({
        method,
        path: `/${feature}/{id}/action-${i}`,
        auth: pick(authKinds),
        handler: handler(feature, `${method.toLowerCase()}-action-${i}`),
        memoryMb: roll > 0.9 ? 1024 : undefined,
        access,
      });
    }
  });

  return defineService({
    name: GENERATED_SERVICE,
    description: `A generated service of ${routeCount} routes`,
    singleHost: true,
    environment: { EMAIL_FROM: 'noreply@app.example' },
    http: {
      cors: { allowOrigins: ['*'], allowHeaders: ['content-type', 'authorization'], allowMethods: ['*'] },
      caseInsensitivePaths: true,
      routes,
    },
    websockets: [
      {
        name: 'inbox',
        path: '/inbox-live',
        routeSelectionExpression: '$request.body.action',
        routes: {
          $connect: { handler: handler('conversations', 'connect'), auth: 'jwt' },
          $disconnect: { handler: handler('conversations', 'disconnect') },
          $default: { handler: handler('conversations', 'live'), returnsResponse: true, access: { postsTo: ['inbox'] } },
        },
      },
    ],
    webhooks: [
      { name: 'meta', auth: 'signature', handler: handler('messages', 'meta-webhook'), access: { sendsTo: ['outbound-messages'], secrets: ['whatsapp'] } },
      { name: 'twilio', auth: 'signature', handler: handler('calls', 'twilio-webhook'), access: { secrets: ['twilio'] } },
    ],
    queues: [
      { name: 'campaign-sends', consumer: { handler: handler('campaigns', 'send-batch'), timeoutSeconds: 60, access: { secrets: ['whatsapp'] } } },
      { name: 'outbound-messages', consumer: { handler: handler('messages', 'deliver'), access: { secrets: ['whatsapp'], postsTo: ['inbox'] } } },
      { name: 'notifications', consumer: { handler: handler('agents', 'notify'), access: { table: 'read', providers: ['push', 'sms'] } } },
    ],
    schedules: [
      { name: 'campaign-tick', expression: 'rate(1 minute)', handler: handler('campaigns', 'tick'), access: { sendsTo: ['campaign-sends'] } },
      { name: 'session-expiry', expression: 'rate(1 hour)', handler: handler('agents', 'expire-sessions') },
      { name: 'daily-report', expression: 'cron(0 3 * * ? *)', handler: handler('reports', 'daily'), timeoutSeconds: 300, access: { table: 'read' } },
    ],
    table: {
      globalIndexes: [
        { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
        { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
      ],
      ttlAttribute: 'expiresAt',
    },
    buckets: [{ name: 'media', cors: true, pendingPrefix: 'pending/' }],
    secrets: [
      { name: 'whatsapp', description: 'WhatsApp Cloud API token' },
      { name: 'twilio', description: 'Twilio account credentials' },
    ],
  });
}
