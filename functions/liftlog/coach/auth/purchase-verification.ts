/**
 * One question for every store: does this token stand for an active pro
 * purchase? Each store answers through its own server API. A positive answer
 * is remembered for a few minutes per execution environment, since the app
 * reconnects and calls often; a negative one never is, so a fresh purchase
 * works at once. A store that fails to answer counts as "no".
 *
 * Anyone may name any store, so what a refusal logs is bounded: a store this
 * deployment has no credentials for is said once per execution environment,
 * at WARN, and a store that failed to answer in one short line, never with a
 * stack (the token never appears in either).
 */
import { errorFacts, logger } from '#shared/observability/logger';
import type { CoachConfig } from '../config.ts';
import { coachConfig } from '../config.ts';
import type { Store } from './pro-token.ts';
import { hasAppleSubscription } from './stores/apple-app-store.ts';
import { hasGooglePlaySubscription } from './stores/google-play.ts';
import { hasRevenueCatEntitlement } from './stores/revenuecat.ts';
import { StoreNotConfigured } from './stores/settings.ts';
import { isWebApiKey } from './stores/web.ts';

type StoreVerifier = (token: string, config: CoachConfig) => Promise<boolean>;

const verifiers: Record<Store, StoreVerifier> = {
  Web: isWebApiKey,
  RevenueCat: hasRevenueCatEntitlement,
  GooglePlay: hasGooglePlaySubscription,
  AppleAppStore: hasAppleSubscription,
};

const POSITIVE_FOR_MS = 5 * 60 * 1000;
const MAX_REMEMBERED = 1000;
/** `<store> <token>` → when the positive answer stops being trusted. */
const remembered = new Map<string, number>();
/** Stores already reported as not configured in this execution environment. */
const unconfiguredReported = new Set<Store>();

export async function verifyProToken(store: Store, token: string): Promise<boolean> {
  const cacheKey = `${store} ${token}`;
  const until = remembered.get(cacheKey);
  if (until !== undefined && until > Date.now()) return true;
  remembered.delete(cacheKey);

  let valid: boolean;
  try {
    valid = await verifiers[store](token, await coachConfig());
  } catch (error) {
    if (error instanceof StoreNotConfigured) {
      if (!unconfiguredReported.has(store)) logger.warn('pro tokens of a store without credentials are refused', { store, setting: error.setting });
      unconfiguredReported.add(store);
    } else {
      logger.error('purchase verification failed', { store, ...errorFacts(error) });
    }
    return false;
  }
  if (valid) {
    if (remembered.size >= MAX_REMEMBERED) remembered.delete(remembered.keys().next().value!);
    remembered.set(cacheKey, Date.now() + POSITIVE_FOR_MS);
  }
  return valid;
}
