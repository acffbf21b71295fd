/** POST /api/campaigns/{campaign_id}/deactivate. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { supervisor } from '../auth/authenticators.ts';
import { deactivateCampaignRoute } from './campaigns.route.ts';
import { updateCampaign } from './campaigns.ts';

export const handler = httpRoute(deactivateCampaignRoute, supervisor, async ({ params, caller }) =>
  json(await updateCampaign(caller, params.campaign_id, { active: false })),
);
