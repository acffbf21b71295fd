import * as z from 'zod/mini';
import { noContent } from '#shared/http/contract';
import { penhasRoute } from '../contract.ts';
import { queues } from '../resources.ts';
import { text } from '../params.ts';
import { activeAccountFailures } from './me-responses.ts';

export const reactivateRoute = penhasRoute({
  method: 'POST',
  path: '/reactivate',
  auth: 'api-key',
  handler: 'functions/penhas/accounts/reactivate.ts',
  access: { sendsTo: [queues.email] },
  summary: 'Cancels the scheduled deletion of her account (any other account: 404)',
  request: { body: z.object({ app_version: text({ min: 1, max: 800 }) }), encodings: ['urlencoded'], mergeQuery: true },
  responses: { 204: noContent('The account is active again'), ...activeAccountFailures },
});
