/**
 * The App Store Server API's Get All Subscription Statuses
 * (`GET /inApps/v1/subscriptions/{transactionId}`). The API key pair is made
 * here; requests must carry an ES256 token signed with it, for the right
 * issuer, audience and bundle id.
 */
import { generateKeyPairSync } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { bearerOf, startFakeServer, type FakeServer } from './fake-server.ts';

/** 1 active, 2 expired, 3 billing retry, 4 billing grace period, 5 revoked. */
export type SubscriptionStatus = 1 | 2 | 3 | 4 | 5;

export interface FakeAppStore extends FakeServer {
  bundleId: string;
  issuerId: string;
  keyId: string;
  privateKeyPem: string;
  setSubscription(transactionId: string, status: SubscriptionStatus): void;
}

export async function startFakeAppStore(): Promise<FakeAppStore> {
  const bundleId = 'com.example.liftlog';
  const issuerId = '57246542-96fe-1a63-e053-0824d011072a';
  const keyId = 'TESTKEY123';
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const statuses = new Map<string, SubscriptionStatus>();

  const server = await startFakeServer(async (request) => {
    const token = bearerOf(request) ?? '';
    try {
      if (decodeProtectedHeader(token).kid !== keyId) throw new Error('unknown key');
      const { payload } = await jwtVerify(token, publicKey, { issuer: issuerId, audience: 'appstoreconnect-v1', algorithms: ['ES256'] });
      if (payload.bid !== bundleId) throw new Error('wrong bundle');
    } catch {
      return { status: 401 };
    }
    const match = /^\/inApps\/v1\/subscriptions\/([^/?]+)$/.exec(request.path);
    if (request.method !== 'GET' || !match) return { status: 404 };
    const transactionId = decodeURIComponent(match[1]);
    const status = statuses.get(transactionId);
    if (status === undefined) return { status: 404, body: { errorCode: 4040010, errorMessage: 'Transaction id not found.' } };
    return {
      status: 200,
      body: {
        environment: 'Sandbox',
        bundleId,
        appAppleId: 1234567890,
        data: [{ subscriptionGroupIdentifier: '21000000', lastTransactions: [{ originalTransactionId: transactionId, status }] }],
      },
    };
  });
  return {
    ...server,
    bundleId,
    issuerId,
    keyId,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    setSubscription: (transactionId, status) => statuses.set(transactionId, status),
  };
}
