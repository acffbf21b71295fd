/** DELETE /api/campaigns/{campaign_id}. */
import { empty } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { supervisor } from '../auth/authenticators.ts';
import { deleteCampaignRoute } from './campaigns.route.ts';
import { deleteCampaign } from './campaigns.ts';

export const handler = httpRoute(deleteCampaignRoute, supervisor, async ({ params, caller }) => {
  await deleteCampaign(caller, params.campaign_id);
  return empty(204);
});
