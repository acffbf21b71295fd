/** POST /api/campaigns. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { supervisor } from '../auth/authenticators.ts';
import { createCampaignRoute } from './campaigns.route.ts';
import { createCampaign } from './campaigns.ts';

export const handler = httpRoute(createCampaignRoute, supervisor, async ({ body, caller }) => json(await createCampaign(caller, body), 201));
