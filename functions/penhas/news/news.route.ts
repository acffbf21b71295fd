/** The news links the timeline hands out: a redirect that records who opened which item. */
import * as z from 'zod/mini';
import { failure, noContent } from '#shared/http/contract';
import { penhasRoute } from '../contract.ts';
import { integer, text } from '../params.ts';

export const newsRedirectRoute = penhasRoute({
  method: 'GET',
  path: '/news-redirect',
  auth: 'none',
  handler: 'functions/penhas/news/news-redirect.ts',
  summary:
    'Opens a news item from the timeline: records the opening (while the link is fresh, an hour) and redirects to the item; only links this service signed are followed',
  request: {
    query: z.object({
      uid: text({ max: 9 }),
      nid: text({ max: 9 }),
      u: integer().check(z.maxLength(20)),
      t: text({ max: 20 }),
      h: text({ max: 12, min: 12 }),
      url: text({ max: 5000, min: 5 }),
    }),
  },
  responses: {
    302: noContent('To the news item (Location)'),
    400: failure('form_error, or a link this service did not sign (hash_invalid)'),
    429: failure('More than 3 requests in 10 seconds from the address'),
  },
});

export const newsRoutes = [newsRedirectRoute];
