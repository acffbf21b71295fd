/** PyTake password storage (scrypt, self-describing hashes). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../functions/pytake/auth/passwords.ts';

describe('Function: hashPassword / verifyPassword', () => {
  it('verifies the password a hash was made from, and no other', async () => {
    const stored = await hashPassword('Segura-123');
    expect(stored).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    expect(await verifyPassword('Segura-123', stored)).toBe(true);
    expect(await verifyPassword('Segura-124', stored)).toBe(false);
  });

  it('salts each hash', async () => {
    expect(await hashPassword('Segura-123')).not.toBe(await hashPassword('Segura-123'));
  });

  it('never matches a malformed stored hash, nor one asking an absurd cost', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), async (stored) => {
        expect(await verifyPassword('x', stored)).toBe(false);
      }),
      { numRuns: 50 },
    );
    expect(await verifyPassword('x', '$scrypt$ln=30,r=8,p=1$c2FsdA$a2V5')).toBe(false);
    expect(await verifyPassword('x', '$scrypt$ln=15,r=8,p=1$c2FsdA$')).toBe(false);
  });
});
