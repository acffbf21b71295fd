/** GET /timeline: a page of the timeline. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { activeAccount } from '../accounts/session-auth.ts';
import { type Category, listTimeline } from './timeline.ts';
import { listTimelineRoute } from './timeline.route.ts';
import { viewerOf } from './viewer.ts';

/** An empty parameter counts as absent, as in the original. */
const given = (value: string | undefined) => (value === '' ? undefined : value);

export const handler = httpRoute(listTimelineRoute, activeAccount, async ({ query, caller, event }) =>
  json(
    await listTimeline(viewerOf(caller, event), {
      rows: given(query.rows) === undefined ? undefined : Number(query.rows),
      after: given(query.after),
      before: given(query.before),
      parent_id: given(query.parent_id),
      id: given(query.id),
      tags: given(query.tags),
      category: given(query.category) as Category | undefined,
      next_page: given(query.next_page),
    }),
  ),
);
