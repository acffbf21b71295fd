/**
 * What every Twilio webhook does before its own work: it reads the form
 * parameters of the Function URL event, rebuilds the URL Twilio called and
 * checks `X-Twilio-Signature` against it with the account's auth token.
 * Missing or wrong: 403 and nothing else happens. Signed: the handler runs and
 * answers TwiML (`text/xml`) or nothing (200, empty), which is all Twilio reads
 * from a callback's answer.
 *
 * Logs name the webhook, the CallSid and what changed; never a phone number,
 * a speech result or a transcript.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { errorFacts, logger } from '#shared/observability/logger';
import { observed } from '#shared/observability/invocation';
import { formParams, isSignedByTwilio, publicUrlOf, signatureOf, type TwilioParams } from './signature.ts';
import { type TwilioWebhookConfig, twilioWebhookConfig } from './twilio-config.ts';

export interface TwilioRequest {
  params: TwilioParams;
  /** One value of a parameter (the first, if Twilio sent several). */
  param(name: string): string | undefined;
  /** The query string of the URL Twilio called (set by this service's own TwiML). */
  query: Record<string, string | undefined>;
  config: TwilioWebhookConfig;
}

/** TwiML to answer with, or nothing. */
export type TwilioAnswer = { twiml: string } | undefined;

type Result = APIGatewayProxyStructuredResultV2;

/** TwiML's media type (only the webhooks that answer TwiML import the SDK's TwiML builder). */
const TWIML_TYPE = 'text/xml';

const refused: Result = { statusCode: 403, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Forbidden' };

export function twilioWebhook(name: string, fn: (request: TwilioRequest) => Promise<TwilioAnswer>) {
  return observed(async (event: APIGatewayProxyEventV2, _context: Context): Promise<Result> => {
    const config = await twilioWebhookConfig();
    const params = formParams(event);
    const signature = signatureOf(event);
    if (!isSignedByTwilio(config.authToken, signature, publicUrlOf(event, name, config.publicBaseUrl), params)) {
      logger.warn('twilio webhook refused', { webhook: name, reason: signature ? 'signature_mismatch' : 'no_signature' });
      return refused;
    }
    const param = (key: string) => {
      const value = params[key];
      return Array.isArray(value) ? value[0] : value;
    };
    const callSid = param('CallSid');
    if (callSid) logger.appendKeys({ callSid });
    try {
      const answer = await fn({ params, param, query: event.queryStringParameters ?? {}, config });
      return answer ? { statusCode: 200, headers: { 'content-type': TWIML_TYPE }, body: answer.twiml } : { statusCode: 200, body: '' };
    } catch (error) {
      logger.error('twilio webhook failed', { webhook: name, ...errorFacts(error, { stack: true }) });
      throw error;
    }
  });
}
