import { defineService } from '#shared/manifest';
import { authSchemes } from './contract.ts';
import { docs } from './docs/docs.route.ts';
import { getHealthRoute } from './health/get-health.route.ts';

export default defineService({
  name: 'penhas',
  description: "PenhaS: women's-safety app (guardians, panic alert, safety tasks, chats, support points, audio evidence)",
  http: {
    cors: { allowOrigins: ['*'], allowHeaders: ['content-type', 'x-api-key'], allowMethods: ['*'] },
    authSchemes,
    routes: [getHealthRoute, ...Object.values(docs)],
  },
  table: { globalIndexes: [{ name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }], ttlAttribute: 'expiresAt' },
});
