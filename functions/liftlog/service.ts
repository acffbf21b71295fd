import { defineService } from '#shared/manifest';

export default defineService({
  name: 'liftlog',
  description: 'LiftLog: workout tracker with an end-to-end-encrypted social feed and an AI plan coach',
  http: {
    cors: { allowOrigins: ['*'], allowMethods: ['*'], allowHeaders: ['*'] },
    caseInsensitivePaths: true,
    routes: [
      { method: 'GET', path: '/health', auth: 'none', handler: 'functions/liftlog/health/get-health.ts' },
      { method: 'HEAD', path: '/health', auth: 'none', handler: 'functions/liftlog/health/get-health.ts' },
      // ── feed ──
      // ── AI coach ──
    ],
  },
  // ── AI coach: websockets ──
  table: { globalIndexes: [{ name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }], ttlAttribute: 'expiresAt' },
});
