/**
 * RevenueCat's API v2 `GET /projects/{project}/customers/{id}`: answers the
 * customers set up with `setCustomer`, with their active entitlements, to
 * callers with the right secret key.
 */
import { bearerOf, ProviderApi, type FakeRequest, type FakeResponse } from './provider-api.ts';

export interface Entitlement {
  entitlementId: string;
  /** Epoch ms; null for lifetime purchases. */
  expiresAt: number | null;
}

export class FakeRevenueCat extends ProviderApi {
  readonly apiKey = 'sk_test_revenuecat';
  readonly projectId = 'proj_test';
  /** The entitlement that makes a customer pro. */
  readonly entitlementId = 'entl_pro';
  private readonly customers = new Map<string, Entitlement[]>();

  constructor() {
    super('revenuecat', 'RevenueCat API v2', (request) => this.answerRequest(request));
  }

  setCustomer(appUserId: string, entitlements: Entitlement[]): void {
    this.customers.set(appUserId, entitlements);
  }

  environment(): Record<string, string> {
    return {
      REVENUECAT_BASE_URL: `${this.url}/v2`,
      REVENUECAT_API_KEY: this.apiKey,
      REVENUECAT_PROJECT_ID: this.projectId,
      REVENUECAT_ENTITLEMENT_ID: this.entitlementId,
    };
  }

  private answerRequest(request: FakeRequest): FakeResponse {
    if (bearerOf(request) !== this.apiKey) return { status: 401, body: { type: 'authentication_error' } };
    const match = /^\/v2\/projects\/([^/]+)\/customers\/([^/?]+)$/.exec(request.path);
    if (request.method !== 'GET' || !match || decodeURIComponent(match[1]) !== this.projectId) return { status: 404, body: { type: 'resource_missing' } };
    const appUserId = decodeURIComponent(match[2]);
    const entitlements = this.customers.get(appUserId);
    if (!entitlements) return { status: 404, body: { type: 'resource_missing' } };
    return {
      status: 200,
      body: {
        object: 'customer',
        id: appUserId,
        project_id: this.projectId,
        active_entitlements: {
          object: 'list',
          items: entitlements.map((e) => ({ object: 'customer.active_entitlement', entitlement_id: e.entitlementId, expires_at: e.expiresAt })),
          next_page: null,
        },
      },
    };
  }
}
