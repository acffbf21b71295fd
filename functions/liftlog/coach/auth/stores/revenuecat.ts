/**
 * RevenueCat (API v2): the token is the app user id; it is pro when the
 * customer has the configured entitlement among its active ones.
 */
import * as z from 'zod/mini';
import type { CoachConfig } from '../../config.ts';
import { requireSetting } from './settings.ts';

const customer = z.object({
  active_entitlements: z.object({
    items: z.array(z.object({ entitlement_id: z.string(), expires_at: z.nullish(z.number()) })),
  }),
});

export async function hasRevenueCatEntitlement(appUserId: string, config: CoachConfig): Promise<boolean> {
  const apiKey = requireSetting(config, 'REVENUECAT_API_KEY');
  const project = requireSetting(config, 'REVENUECAT_PROJECT_ID');
  const entitlement = requireSetting(config, 'REVENUECAT_ENTITLEMENT_ID');
  const url = `${config.REVENUECAT_BASE_URL}/projects/${encodeURIComponent(project)}/customers/${encodeURIComponent(appUserId)}`;
  const response = await fetch(url, { headers: { authorization: `Bearer ${apiKey}`, accept: 'application/json' } });
  if (response.status === 404) return false;
  if (!response.ok) throw new Error(`RevenueCat answered ${response.status}`);
  const { active_entitlements } = customer.parse(await response.json());
  const now = Date.now();
  return active_entitlements.items.some((item) => item.entitlement_id === entitlement && (item.expires_at == null || item.expires_at > now));
}
