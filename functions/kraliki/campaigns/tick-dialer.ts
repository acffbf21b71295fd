/** Every minute: a sweep of each dialing campaign (dialer.ts), so due contacts, retries and reopened business hours are dialed while the campaign stays active. */
import { observed } from '#shared/observability/invocation';
import { logger } from '#shared/observability/logger';
import { sweepDialingCampaigns } from './dialer.ts';

export const handler = observed(async () => {
  const campaigns = await sweepDialingCampaigns();
  if (campaigns) logger.info('dialing campaigns swept', { count: campaigns });
});
