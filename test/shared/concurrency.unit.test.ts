import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapConcurrently } from '../../shared/concurrency.ts';

describe('mapConcurrently', () => {
  it('answers every result in the order of the items, with never more than the limit in flight', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: 3 }), { maxLength: 40 }), fc.integer({ min: 1, max: 8 }), async (waits, limit) => {
        let inFlight = 0;
        let most = 0;
        const results = await mapConcurrently(waits, limit, async (ticks, index) => {
          most = Math.max(most, ++inFlight);
          // Yield a few microtask turns so calls overlap when the limit allows.
          for (let i = 0; i < ticks; i++) await Promise.resolve();
          inFlight--;
          return index * 2;
        });
        expect(results).toEqual(waits.map((_, index) => index * 2));
        expect(most).toBeLessThanOrEqual(limit);
      }),
    );
  });

  it('keeps the limit full while items remain', async () => {
    const started: number[] = [];
    const releases: Array<() => void> = [];
    const done = mapConcurrently([0, 1, 2, 3, 4], 3, (item) => {
      started.push(item);
      return new Promise<number>((resolve) => releases.push(() => resolve(item)));
    });
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    releases[0]();
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2, 3]);
    for (const release of releases.slice(1)) release();
    await new Promise((resolve) => setImmediate(resolve));
    releases[4]?.();
    expect(await done).toEqual([0, 1, 2, 3, 4]);
  });

  it('rejects with the first failure', async () => {
    await expect(
      mapConcurrently([1, 2, 3], 2, async (n) => {
        if (n === 2) throw new Error('two');
        return n;
      }),
    ).rejects.toThrow('two');
  });
});
