/**
 * Meta's webhook signature: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app
 * secret, raw body)>`. Always computed over the bytes as received (base64-decoded
 * when the Function URL event says so), never over a re-serialised parse: Meta
 * escapes `/` as `\/` and non-ASCII as `\uXXXX`, and JSON.stringify would not.
 * Compared in constant time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-hub-signature-256';

/** The header's value for `body` signed with `appSecret`: `sha256=<hex>`. */
export function signatureOf(appSecret: string, body: Uint8Array | string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

const HEADER_FORMAT = /^sha256=([0-9a-f]{64})$/i;

/** Whether `header` is the signature of `body` under `appSecret`. A malformed header is simply not. */
export function hasValidSignature(header: string | undefined, appSecret: string, body: Uint8Array): boolean {
  const match = HEADER_FORMAT.exec(header?.trim() ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1].toLowerCase(), 'hex');
  const expected = createHmac('sha256', appSecret).update(body).digest();
  return timingSafeEqual(given, expected);
}

/** The raw bytes of a Function URL (payload 2.0) event's body. */
export function rawBodyOf(event: { body?: string; isBase64Encoded?: boolean }): Buffer {
  if (event.body === undefined || event.body === null) return Buffer.alloc(0);
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
}
