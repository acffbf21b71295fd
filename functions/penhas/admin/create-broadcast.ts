/** POST /admin/broadcasts: a notification to a segment, queued. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { admin } from './admin-auth.ts';
import { createBroadcast } from './broadcasts.ts';
import { createBroadcastRoute } from './broadcasts.route.ts';

export const handler = httpRoute(createBroadcastRoute, admin, async ({ body, caller }) =>
  json(await createBroadcast(caller, { title: body.title, content: body.content, push: body.push ?? false, segment: body.segment }), 202),
);
