/**
 * One question for every store: does this token stand for an active pro
 * purchase? Each store answers through its own server API. A positive answer
 * is remembered for a few minutes per execution environment, since the app
 * reconnects and calls often; a negative one never is, so a fresh purchase
 * works at once. A store that fails to answer counts as "no".
 */
import type { CoachConfig } from '../config.ts';
import { coachConfig } from '../config.ts';
import type { Store } from './pro-token.ts';
import { hasAppleSubscription } from './stores/apple-app-store.ts';
import { hasGooglePlaySubscription } from './stores/google-play.ts';
import { hasRevenueCatEntitlement } from './stores/revenuecat.ts';
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

export async function verifyProToken(store: Store, token: string): Promise<boolean> {
  const cacheKey = `${store} ${token}`;
  const until = remembered.get(cacheKey);
  if (until !== undefined && until > Date.now()) return true;
  remembered.delete(cacheKey);

  let valid: boolean;
  try {
    valid = await verifiers[store](token, await coachConfig());
  } catch (error) {
    console.error(JSON.stringify({ level: 'ERROR', message: 'purchase verification failed', store, error: String((error as Error)?.stack ?? error) }));
    return false;
  }
  if (valid) {
    if (remembered.size >= MAX_REMEMBERED) remembered.delete(remembered.keys().next().value!);
    remembered.set(cacheKey, Date.now() + POSITIVE_FOR_MS);
  }
  return valid;
}
