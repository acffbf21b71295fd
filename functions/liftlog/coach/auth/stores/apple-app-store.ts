/**
 * Apple App Store: the token is a transaction id of the subscription; it is
 * pro while the App Store Server API (Get All Subscription Statuses) reports
 * one of its subscriptions active or in its billing grace period. Requests
 * carry an ES256 token signed with the App Store Connect API key, reused for
 * most of its (at most one hour) life.
 */
import { importPKCS8, SignJWT } from 'jose';
import * as z from 'zod/mini';
import type { CoachConfig } from '../../config.ts';
import { requireSetting } from './settings.ts';

const TOKEN_LIFETIME_SECONDS = 20 * 60;
const REUSE_FOR_MS = 15 * 60 * 1000;
/** Subscription status values: 1 active, 2 expired, 3 billing retry, 4 billing grace period, 5 revoked. */
const ENTITLED_STATUSES = new Set([1, 4]);

const statuses = z.object({
  bundleId: z.optional(z.string()),
  data: z._default(z.array(z.object({ lastTransactions: z._default(z.array(z.object({ status: z.number() })), []) })), []),
});

let signed: { value: string; reuseUntil: number; identity: string } | undefined;

async function apiToken(config: CoachConfig): Promise<string> {
  const issuer = requireSetting(config, 'APPLE_ISSUER_ID');
  const keyId = requireSetting(config, 'APPLE_KEY_ID');
  const bundleId = requireSetting(config, 'APPLE_BUNDLE_ID');
  const privateKey = requireSetting(config, 'APPLE_PRIVATE_KEY');
  const identity = `${issuer} ${keyId} ${bundleId}`;
  if (signed && signed.identity === identity && signed.reuseUntil > Date.now()) return signed.value;
  const value = await new SignJWT({ bid: bundleId })
    .setProtectedHeader({ alg: 'ES256', kid: keyId, typ: 'JWT' })
    .setIssuer(issuer)
    .setAudience('appstoreconnect-v1')
    .setIssuedAt()
    .setExpirationTime(`${TOKEN_LIFETIME_SECONDS}s`)
    .sign(await importPKCS8(privateKey, 'ES256'));
  signed = { value, reuseUntil: Date.now() + REUSE_FOR_MS, identity };
  return value;
}

export async function hasAppleSubscription(transactionId: string, config: CoachConfig): Promise<boolean> {
  const url = `${config.APPLE_APP_STORE_BASE_URL}/inApps/v1/subscriptions/${encodeURIComponent(transactionId)}`;
  const response = await fetch(url, { headers: { authorization: `Bearer ${await apiToken(config)}`, accept: 'application/json' } });
  // Malformed or unknown transaction ids.
  if (response.status === 400 || response.status === 404) return false;
  if (!response.ok) throw new Error(`App Store Server API answered ${response.status}`);
  const found = statuses.parse(await response.json());
  if (found.bundleId !== undefined && found.bundleId !== config.APPLE_BUNDLE_ID) return false;
  return found.data.some((group) => group.lastTransactions.some((transaction) => ENTITLED_STATUSES.has(transaction.status)));
}
