import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NUMBER_RATE, RECIPIENT_RATE, type Rate, reserveSlot } from '../../../functions/pytake/inbox/pacing.ts';

/** Reserves one slot per request time, in order, as the stored bucket would. */
function slots(rate: Rate, requests: number[]): number[] {
  let tat: number | undefined;
  return requests.map((now) => {
    const slot = reserveSlot(rate, tat, now);
    tat = slot.tat;
    return slot.at;
  });
}

describe('pacing slots (GCRA)', () => {
  it('lets a recipient’s burst go at once, then one message every 6 s', () => {
    const at = slots(RECIPIENT_RATE, Array(8).fill(0));
    expect(at).toEqual([0, 0, 0, 0, 0, 6000, 12000, 18000]);
  });

  it('spaces a number’s sends 1/80 s apart past its burst', () => {
    const at = slots(NUMBER_RATE, Array(12).fill(1000));
    expect(at.slice(0, NUMBER_RATE.burst)).toEqual(Array(NUMBER_RATE.burst).fill(1000));
    expect(at[NUMBER_RATE.burst]).toBeCloseTo(1000 + NUMBER_RATE.intervalMs);
  });

  it('refills while idle: a rested bucket lets a full burst go again', () => {
    const at = slots(RECIPIENT_RATE, [...Array(5).fill(0), 60_000, 60_000, 60_000, 60_000, 60_000, 60_000]);
    expect(at.slice(5)).toEqual([60_000, 60_000, 60_000, 60_000, 60_000, 66_000]);
  });

  it('never goes before it was asked, and never lets more than burst + k go within k intervals (any request times)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 60 }), (raw) => {
        const requests = [...raw].sort((a, b) => a - b);
        const at = slots(RECIPIENT_RATE, requests);
        for (const [i, slot] of at.entries()) expect(slot).toBeGreaterThanOrEqual(requests[i]);
        const sorted = [...at].sort((a, b) => a - b);
        for (let i = 0; i < sorted.length; i++)
          for (let j = i + RECIPIENT_RATE.burst; j < sorted.length; j++)
            expect(sorted[j] - sorted[i]).toBeGreaterThanOrEqual((j - i - RECIPIENT_RATE.burst + 1) * RECIPIENT_RATE.intervalMs);
      }),
    );
  });
});
