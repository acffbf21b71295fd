import { createHash } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { key } from '../../../shared/db/keys.ts';
import { startCoachRuntime, PRO_ENTITLEMENT, WEB_AUTHORIZATION, WEB_KEY, type CoachRuntime } from './coach-runtime.ts';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const SESSION = { attributes: { areasToWorkout: ['legs'], volume: 10, exerciseToKilograms: {}, useImperialUnits: false } };

let coach: CoachRuntime;
let documents: DynamoDBDocumentClient;
beforeAll(async () => {
  coach = await startCoachRuntime();
  documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: coach.runtime.dynamoEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  );
});
afterAll(async () => {
  documents?.destroy();
  await coach?.stop();
});

function generate(authorization: string, on = coach) {
  return on.fetch('/ai/session', { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify(SESSION) });
}

/** A RevenueCat customer with the pro entitlement; its Authorization value. */
function revenueCatUser(id: string): string {
  coach.revenueCat.setCustomer(id, [{ entitlementId: PRO_ENTITLEMENT, expiresAt: null }]);
  return `RevenueCat ${id}`;
}

const rateKey = (token: string) => ({ pk: key('RATE', createHash('sha256').update(token).digest('hex')), sk: 'RATE' });

async function statuses(authorization: string, count: number): Promise<number[]> {
  const result: number[] = [];
  for (let i = 0; i < count; i++) result.push((await generate(authorization)).status);
  return result;
}

describe('AI rate limit', () => {
  it('lets the 20th request of a day through for a store purchase and refuses the 21st with Retry-After', async () => {
    const authorization = revenueCatUser('rate-store');
    expect(await statuses(authorization, 20)).toEqual(Array(20).fill(200));
    const refused = await generate(authorization);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(DAY_MS / 1000 - 120);
    expect(retryAfter).toBeLessThanOrEqual(DAY_MS / 1000);
  });

  it('lets the 100th request of a day through for the web key and refuses the 101st', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => statuses(WEB_AUTHORIZATION, 10)));
    expect(results.flat()).toEqual(Array(100).fill(200));
    expect((await generate(WEB_AUTHORIZATION)).status).toBe(429);
  });

  it('never lets concurrent requests past the limit', async () => {
    const authorization = revenueCatUser('rate-concurrent');
    await generate(authorization);
    const results = await Promise.all(Array.from({ length: 24 }, () => generate(authorization).then((r) => r.status)));
    expect(results.filter((status) => status === 200)).toHaveLength(19);
    expect(results.filter((status) => status === 429)).toHaveLength(5);
  });

  it('counts only the last 24 hours, and Retry-After is when the oldest counted request leaves the window', async () => {
    const authorization = revenueCatUser('rate-window');
    const now = Date.now();
    const requests = [now - DAY_MS - HOUR_MS, now - 23 * HOUR_MS, ...Array.from({ length: 18 }, (_, i) => now - HOUR_MS + i)];
    await documents.send(new PutCommand({ TableName: coach.runtime.tableName('liftlog'), Item: { ...rateKey('rate-window'), requests, version: 1 } }));

    expect((await generate(authorization)).status).toBe(200);
    const refused = await generate(authorization);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(HOUR_MS / 1000 - 60);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(HOUR_MS / 1000);

    const { Item } = await documents.send(new GetCommand({ TableName: coach.runtime.tableName('liftlog'), Key: rateKey('rate-window') }));
    expect(Item!.requests).toHaveLength(20);
    expect(Item!.expiresAt).toBeGreaterThan(now / 1000 + DAY_MS / 1000 - 60);
  });

  it('keys the count by a hash of the token, never the token itself', async () => {
    const { Item } = await documents.send(new GetCommand({ TableName: coach.runtime.tableName('liftlog'), Key: rateKey(WEB_KEY) }));
    expect(Item).toBeDefined();
    expect(JSON.stringify(Item)).not.toContain(WEB_KEY);
  });

  it('is skipped in test mode', async () => {
    const testMode = await startCoachRuntime({ TEST_MODE: 'true' });
    try {
      const results: number[] = [];
      for (let i = 0; i < 21; i++) results.push((await generate(`Web ${WEB_KEY}`, testMode)).status);
      expect(results).toEqual(Array(21).fill(200));
    } finally {
      await testMode.stop();
    }
  });
});
