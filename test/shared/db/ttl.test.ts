import { describe, expect, it } from 'vitest';
import { TTL_ATTRIBUTE, expiresAt, isLive, onlyLive } from '../../../shared/db/ttl.ts';

const now = new Date('2025-01-01T00:00:00.000Z');
const nowSeconds = now.getTime() / 1000;

describe('expiresAt', () => {
  it('turns a date into epoch seconds', () => {
    expect(expiresAt(new Date('2025-01-01T00:01:00.900Z'))).toBe(nowSeconds + 60);
  });

  it('turns a number of seconds into epoch seconds that far from now', () => {
    expect(expiresAt(3600, now)).toBe(nowSeconds + 3600);
  });
});

describe('isLive', () => {
  it('is false once the expiry has passed, even if TTL has not deleted the item yet', () => {
    expect(isLive({ [TTL_ATTRIBUTE]: nowSeconds }, now)).toBe(false);
    expect(isLive({ [TTL_ATTRIBUTE]: nowSeconds + 1 }, now)).toBe(true);
  });

  it('keeps items without an expiry, and drops missing items', () => {
    expect(isLive({ pk: 'x' }, now)).toBe(true);
    expect(isLive(undefined, now)).toBe(false);
  });

  it('reads the named attribute', () => {
    expect(isLive({ validUntil: nowSeconds - 1 }, now, 'validUntil')).toBe(false);
  });
});

describe('onlyLive', () => {
  it('ANDs the expiry filter with the filter a query already has', () => {
    const params = onlyLive(
      {
        KeyConditionExpression: '#pk = :pk',
        FilterExpression: '#s = :s',
        ExpressionAttributeNames: { '#pk': 'pk', '#s': 'status' },
        ExpressionAttributeValues: { ':pk': 'A', ':s': 'open' },
      },
      now,
    );
    expect(params.FilterExpression).toBe('(#s = :s) AND (attribute_not_exists(#ttlAttribute) OR #ttlAttribute > :ttlNow)');
    expect(params.ExpressionAttributeNames).toEqual({ '#pk': 'pk', '#s': 'status', '#ttlAttribute': TTL_ATTRIBUTE });
    expect(params.ExpressionAttributeValues).toEqual({ ':pk': 'A', ':s': 'open', ':ttlNow': nowSeconds });
  });
});
