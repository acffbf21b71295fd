import * as z from 'zod/mini';
import { ok } from '#shared/http/contract';
import { pytakeRoute } from '../contract.ts';

export const getHealthRoute = pytakeRoute({
  method: 'GET',
  path: '/health',
  auth: 'none',
  handler: 'functions/pytake/health/get-health.ts',
  access: { table: 'none' },
  summary: 'Health check',
  request: {},
  responses: { 200: ok('Up', z.object({ status: z.literal('ok'), service: z.literal('pytake') })) },
});
