/** Content digests: what decides whether the seed writes an item. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentModules } from '../../../functions/penhas/content/modules.ts';
import { contentVersion } from '../../../functions/penhas/content/seed-content.ts';

describe('contentVersion', () => {
  it('ignores attribute order and absent attributes, and sees any changed value', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.string().filter((name) => name !== 'absent'),
          fc.jsonValue(),
        ),
        fc.string(),
        (attributes, changed) => {
          const item = { pk: 'P', sk: 'S', ...attributes };
          const reordered = Object.fromEntries(Object.entries(item).reverse()) as typeof item;
          expect(contentVersion(reordered)).toBe(contentVersion({ ...item, absent: undefined }));
          if (JSON.stringify(item.sk) !== JSON.stringify(changed)) expect(contentVersion({ ...item, sk: changed })).not.toBe(contentVersion(item));
        },
      ),
    );
  });
});

describe('the PenhaS content modules', () => {
  it('have distinct names and list each key once', () => {
    expect(new Set(contentModules.map((m) => m.name)).size).toBe(contentModules.length);
    const keys = contentModules.flatMap((m) => m.items().map((item) => `${item.pk} ${item.sk}`));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
