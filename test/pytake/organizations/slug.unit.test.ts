/** Organization slugs from names. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slugOf } from '../../../functions/pytake/organizations/organizations.ts';

describe('Function: slugOf', () => {
  it('lowercases, drops accents and joins words with dashes', () => {
    expect(slugOf('ACME Corp')).toBe('acme-corp');
    expect(slugOf('  Padaria São João & Filhos!  ')).toBe('padaria-sao-joao-filhos');
  });

  it('always answers lowercase letters, digits and single inner dashes', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (name) => {
        expect(slugOf(name)).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      }),
    );
  });
});
