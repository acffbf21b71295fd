import { describe, expect, it } from 'vitest';
import { percentile } from '../../../functions/pytake/queues/metrics.ts';
import { responseMinutes } from '../../../functions/pytake/users/stats.ts';

describe('percentile (as PostgreSQL’s percentile_cont)', () => {
  it('interpolates between neighbours, and answers null for no values', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([7], 0.5)).toBe(7);
    expect(percentile([60, 120, 600], 0.5)).toBe(120);
    expect(percentile([10, 20, 30, 40], 0.5)).toBe(25);
    expect(percentile([10, 20, 30, 40], 0.9)).toBeCloseTo(37);
    expect(percentile([10, 20, 30, 40], 0)).toBe(10);
    expect(percentile([10, 20, 30, 40], 1)).toBe(40);
  });
});

describe('response minutes of a user', () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute)).toISOString();
  it('counts from the first unanswered customer message to her reply; her later messages and others’ replies do not count', () => {
    const messages = [
      { direction: 'inbound' as const, created_at: at(0) },
      { direction: 'inbound' as const, created_at: at(2) },
      { direction: 'outbound' as const, sender_user_id: 'ana', created_at: at(5) },
      { direction: 'outbound' as const, sender_user_id: 'ana', created_at: at(6) },
      { direction: 'inbound' as const, created_at: at(10) },
      { direction: 'outbound' as const, sender_user_id: 'bia', created_at: at(11) },
      { direction: 'inbound' as const, created_at: at(20) },
      { direction: 'outbound' as const, sender_user_id: 'ana', created_at: at(21) },
    ];
    expect(responseMinutes(messages, 'ana')).toEqual([5, 1]);
    expect(responseMinutes(messages, 'bia')).toEqual([1]);
    expect(responseMinutes([], 'ana')).toEqual([]);
  });
});
