/**
 * Whether a campaign is being dialed, kept in step with its writes: an OUTBOUND
 * campaign made active gets the dialer index keys (keys.ts) and its first sweep;
 * one made inactive, or no longer OUTBOUND, loses them. Apart from the dialer
 * itself (dialer.ts), so the campaigns API does not bundle the calls and Twilio code.
 */
import * as table from '#shared/db/table';
import { logger } from '#shared/observability/logger';
import { campaignKey, DIALER_CAMPAIGNS_PARTITION, dialerCampaignSortKey } from '../keys.ts';
import type { CampaignRecord } from './campaigns.ts';
import { enqueueSweep } from './dialer-jobs.ts';

export const isDialing = (campaign: Pick<CampaignRecord, 'active' | 'type'>): boolean => campaign.active && campaign.type === 'OUTBOUND';

/**
 * After a write to a campaign: its dialer index keys follow whether it is dialing now (each change
 * conditional on the state it is for, so racing activations settle on the last one), and a campaign
 * that started dialing is swept at once.
 */
export async function followActivation(campaign: CampaignRecord & { gsi1pk?: string }): Promise<void> {
  const key = campaignKey(campaign.organization_id, campaign.id);
  const dialing = isDialing(campaign);
  if (dialing && !campaign.gsi1pk) {
    const set = await table.update(key, 'SET gsi1pk = :pk, gsi1sk = :sk', {
      condition: 'attribute_exists(pk) AND active = :true AND #type = :outbound',
      names: { '#type': 'type' },
      values: {
        ':pk': DIALER_CAMPAIGNS_PARTITION,
        ':sk': dialerCampaignSortKey(campaign.organization_id, campaign.id),
        ':true': true,
        ':outbound': 'OUTBOUND',
      },
    });
    if (set) {
      logger.info('campaign dialing', { organizationId: campaign.organization_id, campaignId: campaign.id });
      await enqueueSweep(campaign.organization_id, campaign.id);
    }
  } else if (!dialing && campaign.gsi1pk) {
    await table.update(key, 'REMOVE gsi1pk, gsi1sk', {
      condition: 'attribute_exists(pk) AND NOT (active = :true AND #type = :outbound)',
      names: { '#type': 'type' },
      values: { ':true': true, ':outbound': 'OUTBOUND' },
    });
    logger.info('campaign stopped dialing', { organizationId: campaign.organization_id, campaignId: campaign.id });
  }
}
