import { isCuid } from '@paralleldrive/cuid2';
import { describe, expect, it } from 'vitest';
import { cuid2 } from '../../shared/ids.ts';

describe('cuid2 ids', () => {
  it('are CUID2s of the asked length: a letter, then lowercase letters and digits', () => {
    const next = cuid2(12);
    for (let i = 0; i < 2000; i++) {
      const id = next();
      expect(id).toMatch(/^[a-z][0-9a-z]{11}$/);
      expect(isCuid(id)).toBe(true);
    }
  });

  it('do not repeat, within a generator or across generators (hosts)', () => {
    const a = cuid2(12);
    const b = cuid2(12);
    const ids = new Set<string>();
    for (let i = 0; i < 20_000; i++) ids.add(i % 2 ? a() : b());
    expect(ids.size).toBe(20_000);
  });
});
