/** Kraliki password hashes: scrypt, salted, self-describing; malformed or tampered hashes never match. */
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../functions/kraliki/auth/passwords.ts';

describe('kraliki passwords', () => {
  it('verify the password they were made from, and no other', async () => {
    const stored = await hashPassword('correct-horse-battery');
    expect(stored).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    expect(await verifyPassword('correct-horse-battery', stored)).toBe(true);
    expect(await verifyPassword('correct-horse-batterY', stored)).toBe(false);
  });

  it('are salted: one password, two hashes', async () => {
    expect(await hashPassword('same-password')).not.toBe(await hashPassword('same-password'));
  });

  it('never match a malformed, tampered or absurdly costly hash', async () => {
    const stored = await hashPassword('pw-123456');
    const [, , params, salt, key] = stored.split('$');
    for (const bad of ['', 'pw-123456', `$scrypt$${params}$${salt}$`, `$scrypt$ln=30,r=8,p=1$${salt}$${key}`, `$scrypt$ln=14,r=8,p=1$${salt}$${key}`]) {
      expect(await verifyPassword('pw-123456', bad), bad).toBe(false);
    }
  });
});
