/** GET and HEAD /health: load balancers and the app's connectivity check. */
import * as z from 'zod/mini';
import { ok } from '#shared/http/contract';
import { liftlogRoute } from '../contract.ts';

const handler = 'functions/liftlog/health/get-health.ts';
const responses = { 200: ok('Plain `healthy`, as the original answered', z.literal('healthy'), 'text/plain') };

export const getHealthRoute = liftlogRoute({ method: 'GET', path: '/health', auth: 'none', handler, summary: 'Health check', request: {}, responses });
export const headHealthRoute = liftlogRoute({
  method: 'HEAD',
  path: '/health',
  auth: 'none',
  handler,
  summary: 'Health check, headers only',
  request: {},
  responses,
});
