/**
 * `/badge/accept` (public): the page a woman opens from the Círculo PenhaS
 * invitation e-mail. GET shows the invitation and its button; POST (the
 * button, `token` in the form) accepts it. Always a page, as in the original.
 */
import * as z from 'zod/mini';
import { failure } from '#shared/http/contract';
import type { ObjectId, ResponseContract } from '#shared/manifest';
import { penhasRoute } from '../contract.ts';

const pageAnswer: ResponseContract = {
  description: 'The page: the invitation, the confirmation, or why the link does not work',
  mediaType: 'text/html',
  schema: z.string(),
};
const tooMany = failure('More than 100 requests an hour from the address (too_many_requests)');
const token = z.optional(z.string().check(z.maxLength(2000)));
const inviteToken: ObjectId[] = [{ object: 'badge invitation', from: 'query', field: 'token', owner: 'capability', capability: 'token' }];

export const showBadgeInviteRoute = penhasRoute({
  method: 'GET',
  path: '/badge/accept',
  auth: 'none',
  handler: 'functions/penhas/badges/show-badge-invite.ts',
  summary: 'The Círculo PenhaS invitation behind the e-mailed link (`token`), with the button that accepts it',
  request: { query: z.object({ token }) },
  responses: { 200: pageAnswer, 429: tooMany },
  objectIds: inviteToken,
});

export const acceptBadgeInviteRoute = penhasRoute({
  method: 'POST',
  path: '/badge/accept',
  auth: 'none',
  handler: 'functions/penhas/badges/accept-badge-invite.ts',
  summary: 'Accepts the invitation (`token`, from the page’s form or the query): the badge shows on her profile for a year',
  request: { body: z.object({ token }), encodings: ['urlencoded'], mergeQuery: true },
  responses: {
    200: pageAnswer,
    400: { ...pageAnswer, description: 'No token in the form or the query: the page saying the link is incomplete' },
    429: tooMany,
  },
  objectIds: [{ ...inviteToken[0], from: 'body' }],
});
