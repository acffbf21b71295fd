/** GET /api/analytics/campaigns. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { campaignResults } from './analytics.ts';
import { campaignResultsRoute } from './analytics.route.ts';

export const handler = httpRoute(campaignResultsRoute, member, async ({ caller }) => json(await campaignResults(caller)));
