/** GET /api/analytics/dashboard. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { dashboard } from './analytics.ts';
import { dashboardRoute } from './analytics.route.ts';

export const handler = httpRoute(dashboardRoute, member, async ({ caller }) => json(await dashboard(caller)));
