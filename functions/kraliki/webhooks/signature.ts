/**
 * Twilio's request signature: `X-Twilio-Signature` is base64 HMAC-SHA1 of the
 * auth token over the full URL Twilio called followed by the POST parameters
 * sorted by name (name and value concatenated). The check is the twilio SDK's
 * own validator (only its webhooks module is imported, so the bundle stays
 * small); this module rebuilds the URL it is checked against and reads the
 * parameters from the Function URL event.
 *
 * The URL must be exactly the one Twilio was given: with a public base URL
 * configured (a custom domain in front of the Function URLs, or locally the
 * runtime's `http://host:port/kraliki/webhooks`) it is `<base>/<webhook name>`,
 * otherwise the Function URL itself, from the event's `x-forwarded-proto` and
 * `host`. Either way the path below the webhook and the query string follow
 * as received.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { validateRequest } from 'twilio/lib/webhooks/webhooks.js';
import { headerOf } from '#shared/auth/authenticator';

export const SIGNATURE_HEADER = 'x-twilio-signature';

/** A webhook's POST parameters; a name sent more than once keeps every value, as Twilio signs them. */
export type TwilioParams = Record<string, string | string[]>;

/** What these functions read of a Function URL event. */
type WebhookEvent = Pick<APIGatewayProxyEventV2, 'headers' | 'rawPath' | 'rawQueryString'> & {
  body?: string;
  isBase64Encoded?: boolean;
  requestContext?: { domainName?: string };
};

/** The URL Twilio called to deliver `event` to the webhook `name`. */
export function publicUrlOf(event: WebhookEvent, name: string, publicBaseUrl?: string): string {
  const below = event.rawPath && event.rawPath !== '/' ? event.rawPath : '';
  const query = event.rawQueryString ? `?${event.rawQueryString}` : '';
  if (publicBaseUrl) return `${publicBaseUrl.replace(/\/+$/, '')}/${name}${below}${query}`;
  const protocol = headerOf(event.headers, 'x-forwarded-proto') ?? 'https';
  const host = headerOf(event.headers, 'host') ?? event.requestContext?.domainName;
  return `${protocol}://${host}${event.rawPath || '/'}${query}`;
}

/** The form-encoded body's parameters (none for an empty or non-form body). */
export function formParams(event: WebhookEvent): TwilioParams {
  if (!event.body) return {};
  const type = headerOf(event.headers, 'content-type') ?? '';
  if (!/^application\/x-www-form-urlencoded/i.test(type)) return {};
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  const params: TwilioParams = {};
  for (const [name, value] of new URLSearchParams(text)) {
    const seen = params[name];
    params[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return params;
}

/** True when `signature` is Twilio's for this URL and these parameters under `authToken`. */
export function isSignedByTwilio(authToken: string, signature: string | undefined, url: string, params: TwilioParams): boolean {
  if (!signature || !authToken) return false;
  return validateRequest(authToken, signature, url, params);
}

/** The signature header of a Function URL event. */
export const signatureOf = (event: WebhookEvent): string | undefined => headerOf(event.headers, SIGNATURE_HEADER);
