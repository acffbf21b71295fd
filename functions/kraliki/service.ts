import { defineService } from '#shared/manifest';
import { authSchemes } from './contract.ts';
import { docs } from './docs/docs.route.ts';
import { getHealthRoute } from './health/get-health.route.ts';

export default defineService({
  name: 'kraliki',
  description: 'Voice by Kraliki: call center over Twilio (agents, calls, IVR, supervision, campaigns)',
  http: {
    cors: { allowOrigins: ['*'], allowHeaders: ['content-type', 'authorization'], allowMethods: ['*'] },
    authSchemes,
    routes: [getHealthRoute, ...Object.values(docs)],
  },
  table: { globalIndexes: [{ name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }], ttlAttribute: 'expiresAt' },
});
