/**
 * The Meta webhook (a Function URL; `/pytake/webhooks/meta` locally).
 *
 * GET: the subscription handshake. 200 with the raw `hub.challenge` as
 * text/plain when `hub.mode=subscribe` and `hub.verify_token` is configured on
 * a number; 403 otherwise.
 *
 * POST: an event. The number is found from each change's
 * `value.metadata.phone_number_id`; `X-Hub-Signature-256` must be the HMAC of
 * the raw body (base64-decoded when the event says so) under THAT number's app
 * secret. Then each verified change is queued and Meta gets its 200 at once;
 * the consumer does the work. Every valid delivery is queued, duplicates
 * included: deduplication is the consumer's, by wamid.
 *
 * Answers, chosen for Meta's retries (it retries anything but a 200, for days):
 *   - 401: no signature header;
 *   - 403: a signature that no named number's secret verifies (wrong, tampered,
 *     or another number's secret); nothing is queued;
 *   - 400: a body that is not JSON (Meta never sends one);
 *   - 200 `{"status":"ignored"}`: a JSON body naming no number we know (an
 *     account-level event, or a number removed since): nothing to verify against,
 *     nothing stored, and nothing Meta should retry;
 *   - 200 `{"status":"ok"}`: queued. Changes for an unknown number, or for a
 *     number whose secret does not verify, in a body another number's secret
 *     verifies, are left out;
 *   - 5xx only when queueing itself fails, so Meta delivers again.
 * Nothing of the body, the signature or a secret is logged.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { correlate } from '#shared/http/observability';
import { observed } from '#shared/observability/invocation';
import { logger } from '#shared/observability/logger';
import { count } from '#shared/observability/metrics';
import type { ChangeJob } from '../inbox/inbound.ts';
import { numberForWebhook, verifyTokenConfigured, type WebhookNumber } from '../whatsapp/numbers.ts';
import { changesOf } from './meta-payload.ts';
import { enqueueChanges, MAX_JOB_BYTES } from './meta-jobs.ts';
import { hasValidSignature, rawBodyOf, SIGNATURE_HEADER } from './signature.ts';

type Result = APIGatewayProxyStructuredResultV2;

const answer = (statusCode: number, body: Record<string, string>): Result => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

const refuse = (statusCode: number, reason: string, detail: string): Result => {
  logger.info('webhook refused', { status: statusCode, code: reason });
  return answer(statusCode, { detail });
};

async function handshake(query: Record<string, string | undefined>): Promise<Result> {
  const mode = query['hub.mode'];
  const token = query['hub.verify_token'];
  const challenge = query['hub.challenge'];
  if (mode !== 'subscribe' || !token || challenge === undefined || !(await verifyTokenConfigured(token))) {
    return refuse(403, 'verification_refused', 'Forbidden');
  }
  logger.info('webhook subscription verified');
  return { statusCode: 200, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' }, body: challenge };
}

async function receive(event: APIGatewayProxyEventV2): Promise<Result> {
  const signature = event.headers?.[SIGNATURE_HEADER];
  if (!signature) return refuse(401, 'signature_missing', 'Missing X-Hub-Signature-256');
  const raw = rawBodyOf(event);
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return refuse(400, 'body_not_json', 'The body is not JSON');
  }
  const changes = changesOf(body);
  const numbers = new Map<string, WebhookNumber | undefined>();
  for (const change of changes) {
    if (!numbers.has(change.phoneNumberId)) numbers.set(change.phoneNumberId, await numberForWebhook(change.phoneNumberId));
  }
  const known = [...numbers.values()].filter((number): number is WebhookNumber => number !== undefined);
  if (known.length === 0) {
    logger.info('webhook ignored: it names no configured number', { changes: changes.length });
    count('MetaWebhookIgnored');
    return answer(200, { status: 'ignored' });
  }
  const verified = new Set(known.filter((number) => hasValidSignature(signature, number.appSecret, raw)).map((number) => number.numberId));
  if (verified.size === 0) {
    count('MetaWebhookRefused');
    return refuse(403, 'signature_invalid', 'Invalid signature');
  }
  const jobs: ChangeJob[] = [];
  for (const change of changes) {
    const number = numbers.get(change.phoneNumberId);
    if (!number || !verified.has(number.numberId)) continue;
    const job: ChangeJob = { organization_id: number.organizationId, whatsapp_number_id: number.numberId, value: change.value };
    if (Buffer.byteLength(JSON.stringify(job)) > MAX_JOB_BYTES) {
      logger.warn('webhook change too large to queue; left out');
      continue;
    }
    jobs.push(job);
  }
  await enqueueChanges(jobs);
  count('MetaWebhookAccepted');
  logger.info('webhook accepted', { changes: changes.length, queued: jobs.length });
  return answer(200, { status: 'ok' });
}

export const handler = observed(async (event: APIGatewayProxyEventV2, _context: Context): Promise<Result> => {
  correlate(event.headers ?? {}, event.requestContext?.requestId);
  const method = event.requestContext?.http?.method;
  if (method === 'GET') return handshake(event.queryStringParameters ?? {});
  if (method === 'POST') return receive(event);
  return refuse(405, 'method_not_allowed', 'Method Not Allowed');
});
