/** POST /api/v1/auth/refresh: rotates the refresh token. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { refresh } from './accounts.ts';
import { refreshRoute } from './refresh.route.ts';

export const handler = httpRoute(refreshRoute, async ({ body }) => json(await refresh(body.refresh_token)));
