import { defineService } from '#shared/manifest';

export default defineService({
  name: 'kraliki',
  description: 'Voice by Kraliki: call center over Twilio (agents, calls, IVR, supervision, campaigns)',
  http: {
    cors: { allowOrigins: ['*'], allowHeaders: ['content-type', 'authorization'], allowMethods: ['*'] },
    routes: [{ method: 'GET', path: '/health', auth: 'none', handler: 'functions/kraliki/health/get-health.ts' }],
  },
  table: { globalIndexes: [{ name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }], ttlAttribute: 'expiresAt' },
});
