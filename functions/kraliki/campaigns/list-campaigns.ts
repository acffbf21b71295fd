/** GET /api/campaigns. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { pageOf } from '../params.ts';
import { listCampaignsRoute } from './campaigns.route.ts';
import { campaignView, listCampaigns } from './campaigns.ts';

export const handler = httpRoute(listCampaignsRoute, member, async ({ query, caller }) => {
  const campaigns = await listCampaigns(caller.organizationId, { active: query.active, type: query.type });
  return json(pageOf(campaigns, query.skip, query.limit).map(campaignView));
});
