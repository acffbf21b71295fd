import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCoachRuntime, PRO_ENTITLEMENT, WEB_KEY, type CoachRuntime } from '../coach-runtime.ts';

const HOUR = 60 * 60 * 1000;

let coach: CoachRuntime;
beforeAll(async () => {
  coach = await startCoachRuntime();
});
afterAll(() => coach?.stop());

/** The status `POST /ai-chat-v2/negotiate` answers for an Authorization value (or none). */
async function statusFor(authorization?: string): Promise<number> {
  const response = await coach.fetch('/ai-chat-v2/negotiate', { method: 'POST', headers: authorization === undefined ? {} : { authorization } });
  await response.arrayBuffer();
  return response.status;
}

describe('Authorization: [Bearer ]<Store> <token>', () => {
  it('accepts the store name in any case, with or without Bearer', async () => {
    for (const value of [`Web ${WEB_KEY}`, `Bearer Web ${WEB_KEY}`, `web ${WEB_KEY}`, `bearer WEB ${WEB_KEY}`]) expect(await statusFor(value)).toBe(200);
  });

  it('refuses anything but exactly two words after an optional Bearer', async () => {
    for (const value of ['', 'Web', WEB_KEY, `Web ${WEB_KEY} extra`, `Bearer ${WEB_KEY}`, `Web  ${WEB_KEY}`, `Bearer Bearer Web ${WEB_KEY}`]) {
      expect(await statusFor(value)).toBe(401);
    }
    expect(await statusFor()).toBe(401);
  });

  it('refuses an unknown store', async () => {
    expect(await statusFor(`Google ${WEB_KEY}`)).toBe(401);
  });
});

describe('RevenueCat', () => {
  it('accepts an app user id with the active pro entitlement', async () => {
    coach.revenueCat.setCustomer('rc-active', [{ entitlementId: PRO_ENTITLEMENT, expiresAt: Date.now() + HOUR }]);
    coach.revenueCat.setCustomer('rc-lifetime', [{ entitlementId: PRO_ENTITLEMENT, expiresAt: null }]);
    expect(await statusFor('RevenueCat rc-active')).toBe(200);
    expect(await statusFor('revenuecat rc-lifetime')).toBe(200);
    const asked = coach.revenueCat.requests.find((r) => r.path.endsWith('/customers/rc-active'))!;
    expect(asked.path).toBe(`/v2/projects/${coach.revenueCat.projectId}/customers/rc-active`);
    expect(asked.headers.authorization).toBe(`Bearer ${coach.revenueCat.apiKey}`);
  });

  it('refuses an expired entitlement, another entitlement and an unknown customer', async () => {
    coach.revenueCat.setCustomer('rc-expired', [{ entitlementId: PRO_ENTITLEMENT, expiresAt: Date.now() - HOUR }]);
    coach.revenueCat.setCustomer('rc-other', [{ entitlementId: 'entl_other', expiresAt: null }]);
    expect(await statusFor('RevenueCat rc-expired')).toBe(401);
    expect(await statusFor('RevenueCat rc-other')).toBe(401);
    expect(await statusFor('RevenueCat rc-unknown')).toBe(401);
  });

  it('remembers a positive answer for a while, but never a negative one', async () => {
    coach.revenueCat.setCustomer('rc-cached', [{ entitlementId: PRO_ENTITLEMENT, expiresAt: null }]);
    expect(await statusFor('RevenueCat rc-cached')).toBe(200);
    coach.revenueCat.setCustomer('rc-cached', []);
    expect(await statusFor('RevenueCat rc-cached')).toBe(200);
    expect(coach.revenueCat.requests.filter((r) => r.path.endsWith('/rc-cached'))).toHaveLength(1);

    expect(await statusFor('RevenueCat rc-later')).toBe(401);
    coach.revenueCat.setCustomer('rc-later', [{ entitlementId: PRO_ENTITLEMENT, expiresAt: null }]);
    expect(await statusFor('RevenueCat rc-later')).toBe(200);
  });
});

describe('GooglePlay', () => {
  it('accepts an active, grace-period or cancelled-but-unexpired subscription, with one OAuth token for all calls', async () => {
    const future = new Date(Date.now() + HOUR).toISOString();
    coach.googlePlay.setSubscription('gp-active', { subscriptionState: 'SUBSCRIPTION_STATE_ACTIVE', expiryTime: future });
    coach.googlePlay.setSubscription('gp-grace', { subscriptionState: 'SUBSCRIPTION_STATE_IN_GRACE_PERIOD', expiryTime: future });
    coach.googlePlay.setSubscription('gp-cancelled', { subscriptionState: 'SUBSCRIPTION_STATE_CANCELED', expiryTime: future });
    expect(await statusFor('GooglePlay gp-active')).toBe(200);
    expect(await statusFor('GooglePlay gp-grace')).toBe(200);
    expect(await statusFor('googleplay gp-cancelled')).toBe(200);
    expect(coach.googlePlay.requests.filter((r) => r.path === '/token')).toHaveLength(1);
    expect(coach.googlePlay.requests.map((r) => r.path)).toContain(
      `/androidpublisher/v3/applications/${coach.googlePlay.packageName}/purchases/subscriptionsv2/tokens/gp-active`,
    );
  });

  it('refuses an expired, a lapsed cancelled, a paused and an unknown subscription', async () => {
    const past = new Date(Date.now() - HOUR).toISOString();
    const future = new Date(Date.now() + HOUR).toISOString();
    coach.googlePlay.setSubscription('gp-expired', { subscriptionState: 'SUBSCRIPTION_STATE_EXPIRED', expiryTime: past });
    coach.googlePlay.setSubscription('gp-lapsed', { subscriptionState: 'SUBSCRIPTION_STATE_CANCELED', expiryTime: past });
    coach.googlePlay.setSubscription('gp-paused', { subscriptionState: 'SUBSCRIPTION_STATE_PAUSED', expiryTime: future });
    for (const token of ['gp-expired', 'gp-lapsed', 'gp-paused', 'gp-unknown']) expect(await statusFor(`GooglePlay ${token}`)).toBe(401);
  });
});

describe('AppleAppStore', () => {
  it('accepts an active subscription and one in its billing grace period', async () => {
    coach.appStore.setSubscription('2000000000000001', 1);
    coach.appStore.setSubscription('2000000000000004', 4);
    expect(await statusFor('AppleAppStore 2000000000000001')).toBe(200);
    expect(await statusFor('appleappstore 2000000000000004')).toBe(200);
  });

  it('refuses an expired, a billing-retry, a revoked and an unknown transaction', async () => {
    coach.appStore.setSubscription('2000000000000002', 2);
    coach.appStore.setSubscription('2000000000000003', 3);
    coach.appStore.setSubscription('2000000000000005', 5);
    for (const id of ['2000000000000002', '2000000000000003', '2000000000000005', '2999999999999999']) {
      expect(await statusFor(`AppleAppStore ${id}`)).toBe(401);
    }
  });
});

describe('Web without a configured key', () => {
  it('refuses every Web token', async () => {
    const bare = await startCoachRuntime({ WEB_API_KEY: '' });
    try {
      for (const authorization of [`Web ${WEB_KEY}`, 'Web ', 'Web undefined']) {
        const response = await bare.fetch('/ai-chat-v2/negotiate', { method: 'POST', headers: { authorization } });
        expect(response.status).toBe(401);
      }
    } finally {
      await bare.stop();
    }
  });
});
