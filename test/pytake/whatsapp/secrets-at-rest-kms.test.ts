/**
 * The KMS adapter of secrets-at-rest.ts through the real @aws-sdk/client-kms,
 * against a fake KMS (AWS JSON 1.1 on a local port) that wraps data keys bound
 * to their encryption context, as KMS does.
 */
import { randomBytes } from 'node:crypto';
import { KMSClient } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSecret, sealSecret } from '../../../functions/pytake/whatsapp/secrets-at-rest.ts';
import { kmsKeyProvider } from '../../../functions/pytake/whatsapp/secrets-at-rest-kms.ts';
import { type FakeServer, startFakeServer } from '../../../infra/local/fakes/provider-api.ts';

const KEY_ARN = 'arn:aws:kms:us-east-1:000000000000:key/11111111-2222-3333-4444-555555555555';
let kms: FakeServer;
/** Wrapped blob (base64) → the data key and the context it was made for. */
const wrapped = new Map<string, { key: string; context: string }>();

beforeAll(async () => {
  kms = await startFakeServer((request) => {
    const target = request.headers['x-amz-target'];
    const body = JSON.parse(request.body) as { KeyId?: string; KeySpec?: string; EncryptionContext?: Record<string, string>; CiphertextBlob?: string };
    const context = JSON.stringify(Object.entries(body.EncryptionContext ?? {}).sort());
    if (target === 'TrentService.GenerateDataKey') {
      if (body.KeyId !== KEY_ARN || body.KeySpec !== 'AES_256') return { status: 400, body: { __type: 'NotFoundException', message: 'unknown key' } };
      const key = randomBytes(32).toString('base64');
      const blob = randomBytes(48).toString('base64');
      wrapped.set(blob, { key, context });
      return { status: 200, body: { KeyId: KEY_ARN, Plaintext: key, CiphertextBlob: blob } };
    }
    if (target === 'TrentService.Decrypt') {
      const entry = wrapped.get(body.CiphertextBlob ?? '');
      if (!entry || entry.context !== context) return { status: 400, body: { __type: 'InvalidCiphertextException', message: '' } };
      return { status: 200, body: { KeyId: KEY_ARN, Plaintext: entry.key } };
    }
    return { status: 400, body: { __type: 'UnsupportedOperationException', message: String(target) } };
  });
});
afterAll(() => kms?.close());

const client = () => new KMSClient({ endpoint: kms.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const context = { organization_id: 'org-1', whatsapp_number_id: 'n-1', field: 'access_token' };

describe('secrets at rest on AWS (KMS)', () => {
  it('seals under a data key from GenerateDataKey with the encryption context, and opens it with one Decrypt per execution environment', async () => {
    const provider = kmsKeyProvider(KEY_ARN, client());
    const sealed = await sealSecret('EAAG-real-token', context, provider);
    expect(sealed).toMatch(/^v1\.kms\./);
    expect(await openSecret(sealed, context, provider)).toBe('EAAG-real-token');
    expect(await openSecret(sealed, context, provider)).toBe('EAAG-real-token');
    expect(kms.requests.map((request) => request.headers['x-amz-target'])).toEqual(['TrentService.GenerateDataKey', 'TrentService.Decrypt']);
    expect(JSON.parse(kms.requests[0].body)).toMatchObject({ KeyId: KEY_ARN, KeySpec: 'AES_256', EncryptionContext: context });
    expect(kms.requests.map((request) => request.body).join('')).not.toContain('EAAG-real-token');
  });

  it('does not open a value under another context: KMS refuses to unwrap its key', async () => {
    const provider = kmsKeyProvider(KEY_ARN, client());
    const sealed = await sealSecret('secret', context, provider);
    await expect(openSecret(sealed, { ...context, whatsapp_number_id: 'n-2' }, kmsKeyProvider(KEY_ARN, client()))).rejects.toThrow();
  });
});
