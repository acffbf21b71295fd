/** POST /api/auth/refresh. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { refresh } from './accounts.ts';
import { refreshRoute } from './auth.route.ts';

export const handler = httpRoute(refreshRoute, async ({ body }) => json(await refresh(body.refresh_token)));
