/**
 * The App Store Server API's Get All Subscription Statuses
 * (`GET /inApps/v1/subscriptions/{transactionId}`). The API key pair is made
 * at start; requests must carry an ES256 token signed with it, for the right
 * issuer, audience and bundle id.
 */
import { generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { bearerOf, ProviderApi, type FakeRequest, type FakeResponse } from './provider-api.ts';

/** 1 active, 2 expired, 3 billing retry, 4 billing grace period, 5 revoked. */
export type SubscriptionStatus = 1 | 2 | 3 | 4 | 5;

export class FakeAppStore extends ProviderApi {
  readonly bundleId = 'com.example.liftlog';
  readonly issuerId = '57246542-96fe-1a63-e053-0824d011072a';
  readonly keyId = 'LOCALKEY12';
  private readonly statuses = new Map<string, SubscriptionStatus>();
  private keys?: { privateKey: KeyObject; publicKey: KeyObject };

  constructor() {
    super('app-store', 'App Store Server API', (request) => this.answerRequest(request));
  }

  async start(): Promise<void> {
    this.keys = await promisify(generateKeyPair)('ec', { namedCurve: 'P-256' });
  }

  /** The App Store Connect API key (.p8, PKCS#8 PEM) the stand-in accepts tokens of. */
  get privateKeyPem(): string {
    return this.keyPair().privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  }

  setSubscription(transactionId: string, status: SubscriptionStatus): void {
    this.statuses.set(transactionId, status);
  }

  environment(): Record<string, string> {
    return {
      APPLE_APP_STORE_BASE_URL: this.url,
      APPLE_BUNDLE_ID: this.bundleId,
      APPLE_ISSUER_ID: this.issuerId,
      APPLE_KEY_ID: this.keyId,
      APPLE_PRIVATE_KEY: this.privateKeyPem,
    };
  }

  private keyPair() {
    if (!this.keys) throw new Error('the app-store stand-in has not started');
    return this.keys;
  }

  private async answerRequest(request: FakeRequest): Promise<FakeResponse> {
    const token = bearerOf(request) ?? '';
    try {
      if (decodeProtectedHeader(token).kid !== this.keyId) throw new Error('unknown key');
      const { payload } = await jwtVerify(token, this.keyPair().publicKey, { issuer: this.issuerId, audience: 'appstoreconnect-v1', algorithms: ['ES256'] });
      if (payload.bid !== this.bundleId) throw new Error('wrong bundle');
    } catch {
      return { status: 401 };
    }
    const match = /^\/inApps\/v1\/subscriptions\/([^/?]+)$/.exec(request.path);
    if (request.method !== 'GET' || !match) return { status: 404 };
    const transactionId = decodeURIComponent(match[1]);
    const status = this.statuses.get(transactionId);
    if (status === undefined) return { status: 404, body: { errorCode: 4040010, errorMessage: 'Transaction id not found.' } };
    return {
      status: 200,
      body: {
        environment: 'Sandbox',
        bundleId: this.bundleId,
        appAppleId: 1234567890,
        data: [{ subscriptionGroupIdentifier: '21000000', lastTransactions: [{ originalTransactionId: transactionId, status }] }],
      },
    };
  }
}
