import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type KeyProvider, keyProviderFromEnvironment, localKeyProvider, openSecret, sealSecret } from '../../../functions/pytake/whatsapp/secrets-at-rest.ts';

const provider = localKeyProvider(randomBytes(32));
const context = { organization_id: 'org-1', whatsapp_number_id: 'n-1', field: 'app_secret' };

describe('secrets at rest (envelope encryption)', () => {
  it('seals a value so it opens with the same context, and the sealed form does not contain it', async () => {
    const sealed = await sealSecret('EAAG-token-Olá', context, provider);
    expect(sealed).toMatch(/^v1\.local\./);
    expect(sealed).not.toContain('EAAG');
    expect(await openSecret(sealed, context, provider)).toBe('EAAG-token-Olá');
  });

  it('uses a fresh data key each time', async () => {
    const [a, b] = await Promise.all([sealSecret('same', context, provider), sealSecret('same', context, provider)]);
    expect(a.split('.')[2]).not.toBe(b.split('.')[2]);
  });

  it('refuses another context (a value moved to another number or field), a tampered value and another master key', async () => {
    const sealed = await sealSecret('secret', context, provider);
    await expect(openSecret(sealed, { ...context, whatsapp_number_id: 'n-2' }, provider)).rejects.toThrow();
    await expect(openSecret(sealed, { ...context, field: 'access_token' }, provider)).rejects.toThrow();
    const parts = sealed.split('.');
    parts[5] = Buffer.from(`x${Buffer.from(parts[5], 'base64url').toString('latin1')}`, 'latin1').toString('base64url');
    await expect(openSecret(parts.join('.'), context, provider)).rejects.toThrow();
    await expect(openSecret(sealed, context, localKeyProvider(randomBytes(32)))).rejects.toThrow();
  });

  it('wraps data keys through the provider: KMS-shaped calls with the encryption context', async () => {
    const calls: string[] = [];
    const inner = localKeyProvider(randomBytes(32));
    const kmsLike: KeyProvider = {
      name: 'kms',
      generateDataKey: (ctx) => {
        calls.push(`generate ${JSON.stringify(ctx)}`);
        return inner.generateDataKey(ctx);
      },
      unwrapDataKey: (wrapped, ctx) => {
        calls.push(`decrypt ${JSON.stringify(ctx)}`);
        return inner.unwrapDataKey(wrapped, ctx);
      },
    };
    const sealed = await sealSecret('token', context, kmsLike);
    expect(sealed).toMatch(/^v1\.kms\./);
    expect(await openSecret(sealed, context, kmsLike)).toBe('token');
    expect(await openSecret(sealed, context, kmsLike)).toBe('token');
    // The unwrapped data key is cached: one Decrypt for two opens.
    expect(calls).toEqual([`generate ${JSON.stringify(context)}`, `decrypt ${JSON.stringify(context)}`]);
    await expect(openSecret(sealed, context, provider)).rejects.toThrow(/kms/);
  });

  it('picks KMS when a key id is configured, the local key otherwise, and refuses neither', () => {
    expect(keyProviderFromEnvironment({ SECRETS_KMS_KEY_ID: 'alias/x' }).name).toBe('kms');
    expect(keyProviderFromEnvironment({ SECRETS_LOCAL_KEY: '00'.repeat(32) }).name).toBe('local');
    expect(() => keyProviderFromEnvironment({})).toThrow(/SECRETS_KMS_KEY_ID/);
    expect(() => keyProviderFromEnvironment({ SECRETS_LOCAL_KEY: 'abcd' })).toThrow(/64 hex/);
  });
});
