/** The inbox's page size rule and the push queue's retry delays. */
import { describe, expect, it } from 'vitest';
import { pageSize } from '../../../functions/penhas/notifications/notifications.ts';
import { pushRetryDelaySeconds } from '../../../functions/penhas/notifications/push-retries.ts';

describe('pageSize', () => {
  it('is 100 unless asked, and 10 for anything under 10 or over 1000, as in the original', () => {
    expect(pageSize(undefined)).toBe(100);
    expect(pageSize(0)).toBe(100);
    expect(pageSize(25)).toBe(25);
    expect(pageSize(1000)).toBe(1000);
    expect(pageSize(3)).toBe(10);
    expect(pageSize(-5)).toBe(10);
    expect(pageSize(1001)).toBe(10);
  });
});

describe('pushRetryDelaySeconds', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4].map((n) => pushRetryDelaySeconds(n, 5))).toEqual([5, 10, 20, 40]);
    expect(pushRetryDelaySeconds(20, 5)).toBe(300);
    expect(pushRetryDelaySeconds(1, Number.NaN)).toBe(5);
  });
});
