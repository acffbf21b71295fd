/**
 * Google's OAuth token endpoint (JWT bearer grant, RFC 7523) and the Play
 * Developer API's `purchases.subscriptionsv2.get`. The service account's key
 * pair is made at start; the token endpoint checks the assertion's signature,
 * issuer, audience and scope, and the API only answers access tokens it issued.
 */
import { generateKeyPair, randomUUID, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { jwtVerify } from 'jose';
import { bearerOf, ProviderApi, type FakeRequest, type FakeResponse } from './provider-api.ts';

export interface Subscription {
  subscriptionState: string;
  expiryTime: string;
}

/** Access tokens remembered; older ones stop working, as expired ones would. */
const KEPT_TOKENS = 1000;
const CLIENT_EMAIL = 'coach@liftlog-local.iam.gserviceaccount.com';

export class FakeGooglePlay extends ProviderApi {
  readonly packageName = 'com.example.liftlog';
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly issued = new Set<string>();
  private keys?: { privateKey: KeyObject; publicKey: KeyObject };

  constructor() {
    super('google-play', 'Google OAuth and Play Developer API', (request) => this.answerRequest(request));
  }

  async start(): Promise<void> {
    this.keys = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  }

  get tokenUrl(): string {
    return `${this.url}/token`;
  }

  /** The service account JSON key file, its token URL pointing at this stand-in. */
  get serviceAccountJson(): string {
    return JSON.stringify({
      type: 'service_account',
      client_email: CLIENT_EMAIL,
      private_key_id: 'local-key',
      private_key: this.keyPair().privateKey.export({ type: 'pkcs8', format: 'pem' }),
      token_uri: this.tokenUrl,
    });
  }

  setSubscription(purchaseToken: string, subscription: Subscription): void {
    this.subscriptions.set(purchaseToken, subscription);
  }

  environment(): Record<string, string> {
    return { GOOGLE_PLAY_BASE_URL: this.url, GOOGLE_PLAY_PACKAGE_NAME: this.packageName, GOOGLE_SERVICE_ACCOUNT_JSON: this.serviceAccountJson };
  }

  private keyPair() {
    if (!this.keys) throw new Error('the google-play stand-in has not started');
    return this.keys;
  }

  private async answerRequest(request: FakeRequest): Promise<FakeResponse> {
    if (request.method === 'POST' && request.path === '/token') return this.token(request);
    if (!this.issued.has(bearerOf(request) ?? '')) return { status: 401, body: { error: { code: 401, status: 'UNAUTHENTICATED' } } };
    const match = /^\/androidpublisher\/v3\/applications\/([^/]+)\/purchases\/subscriptionsv2\/tokens\/([^/?]+)$/.exec(request.path);
    if (request.method !== 'GET' || !match || decodeURIComponent(match[1]) !== this.packageName) return { status: 404, body: { error: { code: 404 } } };
    const subscription = this.subscriptions.get(decodeURIComponent(match[2]));
    if (!subscription) return { status: 400, body: { error: { code: 400, message: 'Invalid Value' } } };
    return {
      status: 200,
      body: {
        kind: 'androidpublisher#subscriptionPurchaseV2',
        subscriptionState: subscription.subscriptionState,
        lineItems: [{ productId: 'pro', expiryTime: subscription.expiryTime }],
      },
    };
  }

  private async token(request: FakeRequest): Promise<FakeResponse> {
    const form = new URLSearchParams(request.body);
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return { status: 400, body: { error: 'unsupported_grant_type' } };
    try {
      const { payload } = await jwtVerify(form.get('assertion') ?? '', this.keyPair().publicKey, {
        issuer: CLIENT_EMAIL,
        audience: this.tokenUrl,
        algorithms: ['RS256'],
      });
      if (payload.scope !== 'https://www.googleapis.com/auth/androidpublisher') return { status: 400, body: { error: 'invalid_scope' } };
    } catch {
      return { status: 400, body: { error: 'invalid_grant' } };
    }
    const accessToken = `ya29.${randomUUID()}`;
    this.issued.add(accessToken);
    if (this.issued.size > KEPT_TOKENS) this.issued.delete(this.issued.values().next().value!);
    return { status: 200, body: { access_token: accessToken, expires_in: 3599, token_type: 'Bearer' } };
  }
}
