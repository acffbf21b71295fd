/**
 * Google's OAuth token endpoint (JWT bearer grant, RFC 7523) and the Play
 * Developer API's `purchases.subscriptionsv2.get`. The service account's key
 * pair is made here; the token endpoint checks the assertion's signature,
 * issuer, audience and scope, and the API only answers access tokens it issued.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { jwtVerify } from 'jose';
import { bearerOf, startFakeServer, type FakeServer } from './fake-server.ts';

export interface Subscription {
  subscriptionState: string;
  expiryTime: string;
}

export interface FakeGooglePlay extends FakeServer {
  packageName: string;
  /** The service account JSON key file, pointing its token URL at this fake. */
  serviceAccountJson: string;
  tokenUrl: string;
  setSubscription(purchaseToken: string, subscription: Subscription): void;
}

export async function startFakeGooglePlay(): Promise<FakeGooglePlay> {
  const packageName = 'com.example.liftlog';
  const clientEmail = 'coach@liftlog-test.iam.gserviceaccount.com';
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const subscriptions = new Map<string, Subscription>();
  const issued = new Set<string>();
  let tokenUrl = '';

  const server = await startFakeServer(async (request) => {
    if (request.method === 'POST' && request.path === '/token') {
      const form = new URLSearchParams(request.body);
      if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return { status: 400, body: { error: 'unsupported_grant_type' } };
      try {
        const { payload } = await jwtVerify(form.get('assertion') ?? '', publicKey, { issuer: clientEmail, audience: tokenUrl, algorithms: ['RS256'] });
        if (payload.scope !== 'https://www.googleapis.com/auth/androidpublisher') return { status: 400, body: { error: 'invalid_scope' } };
      } catch {
        return { status: 400, body: { error: 'invalid_grant' } };
      }
      const accessToken = `ya29.${randomUUID()}`;
      issued.add(accessToken);
      return { status: 200, body: { access_token: accessToken, expires_in: 3599, token_type: 'Bearer' } };
    }
    if (!issued.has(bearerOf(request) ?? '')) return { status: 401, body: { error: { code: 401, status: 'UNAUTHENTICATED' } } };
    const match = /^\/androidpublisher\/v3\/applications\/([^/]+)\/purchases\/subscriptionsv2\/tokens\/([^/?]+)$/.exec(request.path);
    if (request.method !== 'GET' || !match || decodeURIComponent(match[1]) !== packageName) return { status: 404, body: { error: { code: 404 } } };
    const subscription = subscriptions.get(decodeURIComponent(match[2]));
    if (!subscription) return { status: 400, body: { error: { code: 400, message: 'Invalid Value' } } };
    return {
      status: 200,
      body: {
        kind: 'androidpublisher#subscriptionPurchaseV2',
        subscriptionState: subscription.subscriptionState,
        lineItems: [{ productId: 'pro', expiryTime: subscription.expiryTime }],
      },
    };
  });
  tokenUrl = `${server.url}/token`;
  const serviceAccountJson = JSON.stringify({
    type: 'service_account',
    client_email: clientEmail,
    private_key_id: 'test-key',
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
    token_uri: tokenUrl,
  });
  return { ...server, packageName, serviceAccountJson, tokenUrl, setSubscription: (token, s) => subscriptions.set(token, s) };
}
