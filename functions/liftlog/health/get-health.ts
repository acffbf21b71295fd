/** GET and HEAD /health: plain `healthy`, as the original. */
import { httpRoute } from '#shared/http/route';
import { text } from '#shared/http/responses';
import { getHealthRoute } from './get-health.route.ts';

export const handler = httpRoute(getHealthRoute, async () => text('healthy'));
