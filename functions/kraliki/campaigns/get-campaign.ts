/** GET /api/campaigns/{campaign_id}. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { getCampaignRoute } from './campaigns.route.ts';
import { campaignView, getCampaign } from './campaigns.ts';

export const handler = httpRoute(getCampaignRoute, member, async ({ params, caller }) =>
  json(campaignView(await getCampaign(caller.organizationId, params.campaign_id))),
);
