import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasValidSignature, rawBodyOf, signatureOf } from '../../../functions/pytake/webhooks/signature.ts';

const PUBLISHED = '0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914';

describe('Meta webhook signature (X-Hub-Signature-256)', () => {
  it('matches the published vector: key "secret", body "test"', () => {
    expect(signatureOf('secret', 'test')).toBe(`sha256=${PUBLISHED}`);
    expect(hasValidSignature(`sha256=${PUBLISHED}`, 'secret', Buffer.from('test'))).toBe(true);
    expect(hasValidSignature(`sha256=${PUBLISHED.toUpperCase()}`, 'secret', Buffer.from('test'))).toBe(true);
  });

  it('refuses a missing, malformed or wrong signature, another secret and a tampered body', () => {
    const body = Buffer.from('test');
    expect(hasValidSignature(undefined, 'secret', body)).toBe(false);
    expect(hasValidSignature('', 'secret', body)).toBe(false);
    expect(hasValidSignature(PUBLISHED, 'secret', body)).toBe(false);
    expect(hasValidSignature(`sha1=${PUBLISHED}`, 'secret', body)).toBe(false);
    expect(hasValidSignature(`sha256=${PUBLISHED.slice(0, 62)}`, 'secret', body)).toBe(false);
    expect(hasValidSignature(`sha256=${PUBLISHED}`, 'other secret', body)).toBe(false);
    expect(hasValidSignature(`sha256=${PUBLISHED}`, 'secret', Buffer.from('test '))).toBe(false);
  });

  it('is computed over the raw bytes: \\uXXXX and \\/ escapes are not re-serialised', () => {
    const raw = '{"entry":[{"changes":[{"value":{"messages":[{"text":{"body":"Ol\\u00e1 \\ud83d\\ude00 http:\\/\\/x"}}]}}]}]}';
    const signature = signatureOf('app-secret', raw);
    expect(hasValidSignature(signature, 'app-secret', Buffer.from(raw))).toBe(true);
    const reserialised = JSON.stringify(JSON.parse(raw));
    expect(reserialised).not.toBe(raw);
    expect(hasValidSignature(signature, 'app-secret', Buffer.from(reserialised))).toBe(false);
  });

  it('reads the Function URL body as bytes, base64-decoded when the event says so', () => {
    const bytes = Buffer.from([0x7b, 0xff, 0x00, 0x7d]);
    expect(rawBodyOf({ body: bytes.toString('base64'), isBase64Encoded: true }).equals(bytes)).toBe(true);
    expect(rawBodyOf({ body: 'Olá', isBase64Encoded: false }).equals(Buffer.from('Olá'))).toBe(true);
    expect(rawBodyOf({}).length).toBe(0);
  });

  it('accepts exactly the HMAC of any body under any secret', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fc.string({ minLength: 1 }), fc.uint8Array({ minLength: 1, maxLength: 8 }), (body, secret, flip) => {
        const header = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
        expect(hasValidSignature(header, secret, body)).toBe(true);
        const tampered = Buffer.concat([Buffer.from(body), Buffer.from(flip)]);
        expect(hasValidSignature(header, secret, tampered)).toBe(false);
      }),
    );
  });
});
