/** What she does about another user's profile: report it, block or unblock it. */
import * as z from 'zod/mini';
import { ok } from '#shared/http/contract';
import { penhasRoute } from '../contract.ts';
import { queues } from '../resources.ts';
import { optionalText, text } from '../params.ts';
import { int } from './me-params.ts';
import { activeAccountFailures } from './me-responses.ts';

const message = z.object({ message: z.string() });

export const reportProfileRoute = penhasRoute({
  method: 'POST',
  path: '/report-profile',
  auth: 'api-key',
  handler: 'functions/penhas/accounts/profile-report.ts',
  // Reports are e-mailed to the moderation address, when one is configured.
  access: { sendsTo: [queues.email] },
  summary: "Reports another user's profile (`cliente_id`) with a reason, for moderation",
  request: { body: z.object({ reason: text({ max: 200 }), cliente_id: int() }), encodings: ['urlencoded'], mergeQuery: true },
  responses: { 200: ok('Received', message), ...activeAccountFailures },
  // Any active profile may be reported by anyone: the id names someone else's profile by design.
  objectIds: [{ object: 'profile', from: 'body', field: 'cliente_id', owner: 'public' }],
});

export const blockProfileRoute = penhasRoute({
  method: 'POST',
  path: '/block-profile',
  auth: 'api-key',
  handler: 'functions/penhas/accounts/profile-block.ts',
  summary: "Blocks another user's profile (`cliente_id`); `remove=1` unblocks it",
  request: { body: z.object({ cliente_id: int(), remove: optionalText({ max: 1 }) }), encodings: ['urlencoded'], mergeQuery: true },
  responses: { 200: ok('Blocked or unblocked', message), ...activeAccountFailures },
  // Any active profile may be blocked by anyone; the block is hers.
  objectIds: [{ object: 'profile', from: 'body', field: 'cliente_id', owner: 'public' }],
});
