import * as z from 'zod/mini';
import { ok } from '#shared/http/contract';
import { penhasRoute } from '../contract.ts';

export const getHealthRoute = penhasRoute({
  method: 'GET',
  path: '/health',
  auth: 'none',
  handler: 'functions/penhas/health/get-health.ts',
  access: { table: 'none' },
  summary: 'Health check',
  request: {},
  responses: { 200: ok('Up', z.object({ status: z.literal('ok'), service: z.literal('penhas') })) },
});
