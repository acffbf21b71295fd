/** Counters the app reports: calls to the police from the app, logins made offline. */
import * as z from 'zod/mini';
import { noContent } from '#shared/http/contract';
import { penhasRoute } from '../contract.ts';
import { int } from './me-params.ts';
import { activeAccountFailures } from './me-responses.ts';

export const callPolicePressedRoute = penhasRoute({
  method: 'POST',
  path: '/me/call-police-pressed',
  auth: 'api-key',
  handler: 'functions/penhas/accounts/me-call-police-pressed.ts',
  summary: 'Counts a press of "call the police" (190) in the app, and records when',
  request: {},
  responses: { 204: noContent('Counted'), ...activeAccountFailures },
});

export const incLoginOfflineRoute = penhasRoute({
  method: 'POST',
  path: '/me/inc-login-offline',
  auth: 'api-key',
  handler: 'functions/penhas/accounts/me-inc-login-offline.ts',
  summary: 'Adds `inc_by` to her count of logins made while offline',
  request: { body: z.object({ inc_by: int({ max: 4 }) }), encodings: ['urlencoded'], mergeQuery: true },
  responses: { 204: noContent('Counted'), ...activeAccountFailures },
});
