/** GET /health: up. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { getHealthRoute } from './get-health.route.ts';

export const handler = httpRoute(getHealthRoute, async () => json({ status: 'ok', service: 'pytake' }));
