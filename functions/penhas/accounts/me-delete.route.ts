import * as z from 'zod/mini';
import { noContent } from '#shared/http/contract';
import { penhasRoute } from '../contract.ts';
import { queues } from '../resources.ts';
import { text } from '../params.ts';
import { activeAccountFailures } from './me-responses.ts';

export const deleteMeRoute = penhasRoute({
  method: 'DELETE',
  path: '/me',
  auth: 'api-key',
  handler: 'functions/penhas/accounts/me-delete.ts',
  // Checks her password (scrypt: memory and CPU).
  memoryMb: 1024,
  access: { sendsTo: [queues.email] },
  summary: 'Schedules the deletion of her account in 30 days (she may reactivate it until then); every session ends now',
  request: {
    body: z.object({ senha_atual: text({ min: 6, max: 200 }), app_version: text({ min: 1, max: 800 }) }),
    encodings: ['urlencoded'],
    mergeQuery: true,
  },
  responses: { 204: noContent('Deletion scheduled; the session token no longer works'), ...activeAccountFailures },
});
