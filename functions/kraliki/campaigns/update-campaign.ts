/** PUT /api/campaigns/{campaign_id}. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { supervisor } from '../auth/authenticators.ts';
import { updateCampaignRoute } from './campaigns.route.ts';
import { updateCampaign } from './campaigns.ts';

export const handler = httpRoute(updateCampaignRoute, supervisor, async ({ params, body, caller }) =>
  json(await updateCampaign(caller, params.campaign_id, body)),
);
