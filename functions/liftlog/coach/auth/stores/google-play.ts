/**
 * Google Play: the token is a subscription purchase token; it is pro while
 * the Play Developer API (purchases.subscriptionsv2) reports the subscription
 * active, in its grace period, or cancelled but not yet expired. Calls carry an
 * OAuth access token obtained with the service account's signed assertion
 * (RFC 7523), kept until shortly before it expires.
 */
import { importPKCS8, SignJWT } from 'jose';
import * as z from 'zod/mini';
import type { CoachConfig } from '../../config.ts';
import { requireSetting } from './settings.ts';

const SCOPE = 'https://www.googleapis.com/auth/androidpublisher';
const DEFAULT_TOKEN_URL = 'https://oauth2.googleapis.com/token';
/** Renew this long before Google's stated expiry, so no call goes out with a token about to lapse. */
const RENEW_MARGIN_MS = 60_000;

const serviceAccount = z.object({
  client_email: z.string().check(z.minLength(1)),
  private_key: z.string().check(z.minLength(1)),
  private_key_id: z.optional(z.string()),
  token_uri: z.optional(z.url()),
});

const tokenResponse = z.object({ access_token: z.string().check(z.minLength(1)), expires_in: z.number().check(z.positive()) });

const subscription = z.object({
  subscriptionState: z.string(),
  lineItems: z._default(z.array(z.object({ expiryTime: z.optional(z.string()) })), []),
});

const ENTITLED_STATES = new Set(['SUBSCRIPTION_STATE_ACTIVE', 'SUBSCRIPTION_STATE_IN_GRACE_PERIOD', 'SUBSCRIPTION_STATE_CANCELED']);

let accessToken: { value: string; renewAt: number; account: string } | undefined;

async function currentAccessToken(config: CoachConfig): Promise<string> {
  const accountJson = requireSetting(config, 'GOOGLE_SERVICE_ACCOUNT_JSON');
  if (accessToken && accessToken.account === accountJson && accessToken.renewAt > Date.now()) return accessToken.value;

  const account = serviceAccount.parse(JSON.parse(accountJson));
  const tokenUrl = config.GOOGLE_OAUTH_TOKEN_URL ?? account.token_uri ?? DEFAULT_TOKEN_URL;
  const assertion = await new SignJWT({ scope: SCOPE })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', ...(account.private_key_id ? { kid: account.private_key_id } : {}) })
    .setIssuer(account.client_email)
    .setAudience(tokenUrl)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(await importPKCS8(account.private_key, 'RS256'));
  const response = await fetch(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
  });
  if (!response.ok) throw new Error(`Google OAuth answered ${response.status}`);
  const granted = tokenResponse.parse(await response.json());
  accessToken = { value: granted.access_token, renewAt: Date.now() + granted.expires_in * 1000 - RENEW_MARGIN_MS, account: accountJson };
  return granted.access_token;
}

export async function hasGooglePlaySubscription(purchaseToken: string, config: CoachConfig): Promise<boolean> {
  const packageName = requireSetting(config, 'GOOGLE_PLAY_PACKAGE_NAME');
  const url =
    `${config.GOOGLE_PLAY_BASE_URL}/androidpublisher/v3/applications/${encodeURIComponent(packageName)}` +
    `/purchases/subscriptionsv2/tokens/${encodeURIComponent(purchaseToken)}`;
  const response = await fetch(url, { headers: { authorization: `Bearer ${await currentAccessToken(config)}`, accept: 'application/json' } });
  // Unknown, malformed and long-expired tokens (Google forgets them after 60 days).
  if (response.status === 400 || response.status === 404 || response.status === 410) return false;
  if (!response.ok) throw new Error(`Google Play answered ${response.status}`);
  const found = subscription.parse(await response.json());
  if (!ENTITLED_STATES.has(found.subscriptionState)) return false;
  const now = Date.now();
  return found.lineItems.some((item) => item.expiryTime !== undefined && Date.parse(item.expiryTime) > now);
}
