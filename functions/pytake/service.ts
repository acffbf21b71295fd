import { defineService } from '#shared/manifest';

export default defineService({
  name: 'pytake',
  description: 'PyTake: multi-tenant WhatsApp Business automation (inbox, chatbot flows, campaigns)',
  http: {
    cors: { allowOrigins: ['*'], allowHeaders: ['content-type', 'authorization'], allowMethods: ['*'] },
    routes: [{ method: 'GET', path: '/health', auth: 'none', handler: 'functions/pytake/health/get-health.ts' }],
  },
  table: { globalIndexes: [{ name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }], ttlAttribute: 'expiresAt' },
});
