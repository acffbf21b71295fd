import * as z from 'zod/mini';
import { ok } from '#shared/http/contract';
import { penhasRoute } from '../contract.ts';
import { activeAccountFailures } from './me-responses.ts';

export const filterTagsRoute = penhasRoute({
  method: 'GET',
  path: '/filter-tags',
  auth: 'api-key',
  handler: 'functions/penhas/accounts/tags-filter.ts',
  summary: 'The tags and categories she may filter the timeline by (categories follow her modules)',
  request: {},
  responses: {
    200: ok(
      'Tags (by title) and categories',
      z.object({
        tags: z.array(z.object({ id: z.number(), title: z.string() })),
        categories: z.array(z.object({ default: z.union([z.literal(0), z.literal(1)]), value: z.string(), label: z.string() })),
      }),
    ),
    ...activeAccountFailures,
  },
});
