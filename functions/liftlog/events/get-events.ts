/** POST /events: the feed. Each followed user is read with the follow secret they gave the caller; no password. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { readFeed } from './events.ts';
import { getEventsRoute } from './get-events.route.ts';

export const handler = httpRoute(getEventsRoute, async ({ body }) => json(await readFeed(body.users)));
