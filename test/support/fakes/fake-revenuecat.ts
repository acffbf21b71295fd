/**
 * RevenueCat's API v2 `GET /projects/{project}/customers/{id}`: answers the
 * customers a test sets up, with their active entitlements, to callers with
 * the right secret key.
 */
import { bearerOf, startFakeServer, type FakeServer } from './fake-server.ts';

export interface Entitlement {
  entitlementId: string;
  /** Epoch ms; null for lifetime purchases. */
  expiresAt: number | null;
}

export interface FakeRevenueCat extends FakeServer {
  apiKey: string;
  projectId: string;
  setCustomer(appUserId: string, entitlements: Entitlement[]): void;
}

export async function startFakeRevenueCat(): Promise<FakeRevenueCat> {
  const apiKey = 'sk_test_revenuecat';
  const projectId = 'proj_test';
  const customers = new Map<string, Entitlement[]>();
  const server = await startFakeServer((request) => {
    if (bearerOf(request) !== apiKey) return { status: 401, body: { type: 'authentication_error' } };
    const match = /^\/v2\/projects\/([^/]+)\/customers\/([^/?]+)$/.exec(request.path);
    if (request.method !== 'GET' || !match || decodeURIComponent(match[1]) !== projectId) return { status: 404, body: { type: 'resource_missing' } };
    const appUserId = decodeURIComponent(match[2]);
    const entitlements = customers.get(appUserId);
    if (!entitlements) return { status: 404, body: { type: 'resource_missing' } };
    return {
      status: 200,
      body: {
        object: 'customer',
        id: appUserId,
        project_id: projectId,
        active_entitlements: {
          object: 'list',
          items: entitlements.map((e) => ({ object: 'customer.active_entitlement', entitlement_id: e.entitlementId, expires_at: e.expiresAt })),
          next_page: null,
        },
      },
    };
  });
  return { ...server, apiKey, projectId, setCustomer: (id, entitlements) => customers.set(id, entitlements) };
}
