import { defineService } from '#shared/manifest';

export default defineService({
  name: 'penhas',
  description: "PenhaS: women's-safety app (guardians, panic alert, safety tasks, chats, support points, audio evidence)",
  http: {
    cors: { allowOrigins: ['*'], allowHeaders: ['content-type', 'x-api-key'], allowMethods: ['*'] },
    routes: [{ method: 'GET', path: '/health', auth: 'none', handler: 'functions/penhas/health/get-health.ts' }],
  },
  table: { globalIndexes: [{ name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }], ttlAttribute: 'expiresAt' },
});
