/**
 * The `send-message` consumer's work: one stored outbound message, paced and
 * sent through the Graph API exactly once.
 *
 *  1. The claim: a conditional update of the message (`send_claimed_at`, on
 *     the condition it has no wamid and no live claim) before Graph is called,
 *     so a redelivered or duplicated job never sends twice. A claim whose
 *     holder died is taken over after `SEND_LEASE_MS`; a live one makes the
 *     job fail and come back later.
 *  2. Pacing (pacing.ts), once everything else is ready so the slot is close
 *     to the call: a slot of the recipient's bucket, then of the number's. A
 *     slot under a second away is waited for here; a later one releases the
 *     claim and puts the job back with an SQS delay, holding its slot (`send_at`).
 *  3. Graph answers a wamid: the message gets it (status `sent`) and the
 *     `WAMID#<wamid>` record (`done`, `message_sk`) is written in the same
 *     transaction, so Meta's status webhooks reach the message.
 *  4. Meta refuses for now (130429 throughput, 131056 pair rate limit, 5xx,
 *     no answer): the claim is released and the job comes back after an
 *     exponential backoff, up to `MAX_SEND_ATTEMPTS`; any other refusal, or
 *     the last attempt, marks the message `failed` with Meta's code and title.
 *     131047 (outside the window) arrives later as a failed status webhook,
 *     which records it on the message (messages.ts applyStatus).
 */
import * as table from '#shared/db/table';
import { transact } from '#shared/db/transactions';
import { AppError } from '#shared/errors';
import { logger } from '#shared/observability/logger';
import { contactKey, orgPartition, wamidKey, whatsappNumberKey } from '../keys.ts';
import { GraphApiError, sendMessage } from '../whatsapp/graph-api.ts';
import { credentialsOf, type NumberRecord } from '../whatsapp/numbers.ts';
import { publishEvent } from './events.ts';
import { STATUS_RANK } from './inbound-messages.ts';
import type { MessageRecord } from './messages.ts';
import { graphBodyOf } from './outbound.ts';
import { NUMBER_RATE, RECIPIENT_RATE, reserve } from './pacing.ts';
import { enqueueSend, type SendJob } from './send-jobs.ts';

/** Longer than one Graph call with its timeout (8 s) and the write after it. */
export const SEND_LEASE_MS = 45_000;
export const MAX_SEND_ATTEMPTS = 6;
/** Slots closer than this are waited for in the consumer; later ones go back to the queue. */
const WAIT_IN_PROCESS_MS = 1_000;

type Outbound = MessageRecord & { send_claimed_at?: number };

export type DeliveryOutcome = 'sent' | 'delayed' | 'retrying' | 'failed' | 'already_done';

/** Meta's "try again later" answers. */
export const isRetryable = (error: unknown): boolean =>
  !(error instanceof GraphApiError) || error.code === 130429 || error.code === 131056 || error.status === 429 || error.status >= 500;

/** Seconds before attempt `attempt + 1`: 1, 2, 4, 8… (6 s at least after a pair rate limit), with jitter. */
export function backoffMs(attempt: number, error: unknown): number {
  const base = error instanceof GraphApiError && error.code === 131056 ? 6_000 : 1_000;
  return Math.min(900_000, base * 2 ** attempt * (1 + Math.random() * 0.25));
}

export class SendClaimHeld extends Error {
  constructor() {
    super('another consumer is sending this message; the job comes back later');
    this.name = 'SendClaimHeld';
  }
}

export async function deliver(job: SendJob): Promise<DeliveryOutcome> {
  const orgId = job.organization_id;
  const key = { pk: orgPartition(orgId), sk: job.message_sk };
  const message = await table.get<Outbound>(key, { consistent: true });
  if (!message || message.whatsapp_message_id || message.status === 'failed') return 'already_done';

  const nowMs = Date.now();
  const claimed = await table.update(key, 'SET send_claimed_at = :now', {
    condition:
      'attribute_exists(pk) AND attribute_type(whatsapp_message_id, :null) AND #status <> :failed AND (attribute_not_exists(send_claimed_at) OR send_claimed_at < :stale)',
    names: { '#status': 'status' },
    values: { ':now': nowMs, ':null': 'NULL', ':failed': 'failed', ':stale': nowMs - SEND_LEASE_MS },
  });
  if (!claimed) {
    const current = await table.get<Outbound>(key, { consistent: true });
    if (!current || current.whatsapp_message_id || current.status === 'failed') return 'already_done';
    throw new SendClaimHeld();
  }

  const [number, contact] = await Promise.all([
    table.get<NumberRecord>(whatsappNumberKey(orgId, message.whatsapp_number_id), { consistent: true }),
    table.get<{ whatsapp_id: string }>(contactKey(orgId, message.contact_id), { consistent: true }),
  ]);
  if (!number || !contact) {
    await markFailed(key, nowMs, null, number ? 'The contact no longer exists' : 'The WhatsApp number no longer exists');
    return 'failed';
  }
  const { accessToken } = await credentialsOf(number);
  let sendAt = job.send_at;
  if (sendAt === undefined) {
    const recipientAt = await reserve('recipient', [message.whatsapp_number_id, message.contact_id], RECIPIENT_RATE, Date.now());
    sendAt = await reserve('number', [message.whatsapp_number_id], NUMBER_RATE, recipientAt);
  }
  const wait = sendAt - Date.now();
  if (wait > WAIT_IN_PROCESS_MS) {
    await releaseClaim(key, nowMs);
    await enqueueSend({ ...job, send_at: sendAt }, wait);
    return 'delayed';
  }
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));

  let wamid: string;
  try {
    const answer = await sendMessage(number.phone_number_id, accessToken, graphBodyOf(contact.whatsapp_id, message.message_type, message.content));
    wamid = answer.messages[0].id;
  } catch (error) {
    const code = error instanceof GraphApiError && error.code !== undefined ? String(error.code) : null;
    const title = error instanceof GraphApiError ? error.title : 'The Graph API did not answer';
    if (isRetryable(error) && job.attempt + 1 < MAX_SEND_ATTEMPTS) {
      await releaseClaim(key, nowMs, code);
      await enqueueSend({ organization_id: orgId, message_sk: job.message_sk, attempt: job.attempt + 1 }, backoffMs(job.attempt, error));
      logger.warn('Graph API refused a send for now; retrying', { code, attempt: job.attempt + 1 });
      return 'retrying';
    }
    await markFailed(key, nowMs, code, title);
    logger.warn('Graph API refused a send', { code, attempt: job.attempt + 1 });
    return 'failed';
  }
  await recordSent(orgId, message, wamid, nowMs);
  await publishEvent(orgId, { type: 'message:status', conversation_id: message.conversation_id, message_id: message.id, status: 'sent' });
  return 'sent';
}

/** Lets the job's next delivery claim the message again. */
async function releaseClaim(key: { pk: string; sk: string }, claimedAt: number, errorCode?: string | null): Promise<void> {
  await table.update(key, `REMOVE send_claimed_at${errorCode === undefined ? '' : ' SET last_error_code = :code'}`, {
    condition: 'send_claimed_at = :mine',
    values: { ':mine': claimedAt, ...(errorCode === undefined ? {} : { ':code': errorCode }) },
  });
}

/** The wamid on the message and the record statuses find it by, together. */
async function recordSent(orgId: string, message: Outbound, wamid: string, claimedAt: number): Promise<void> {
  const now = new Date().toISOString();
  try {
    await transact([
      {
        Update: {
          Key: { pk: message.pk, sk: message.sk },
          UpdateExpression: 'SET whatsapp_message_id = :wamid, #status = :sent, status_rank = :rank, sent_at = :now, updated_at = :now REMOVE send_claimed_at',
          ConditionExpression: 'send_claimed_at = :mine',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':wamid': wamid, ':sent': 'sent', ':rank': STATUS_RANK.sent, ':now': now, ':mine': claimedAt },
        },
        conflictCode: 'claim_lost',
      },
      {
        Put: {
          Item: {
            ...wamidKey(orgId, wamid),
            wamid,
            message_id: message.id,
            created_at: message.created_at,
            claimed_at: now,
            done: true,
            conversation_id: message.conversation_id,
            message_sk: message.sk,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ]);
  } catch (error) {
    // Sent, but past the lease another consumer took the claim: Meta has the message once from us; the record is that consumer's to write.
    if (error instanceof AppError && error.code === 'claim_lost') {
      logger.error('a send outlived its claim', { message_id: message.id });
      return;
    }
    throw error;
  }
}

async function markFailed(key: { pk: string; sk: string }, claimedAt: number, code: string | null, title: string): Promise<void> {
  const now = new Date().toISOString();
  await table.update(
    key,
    'SET #status = :failed, status_rank = :rank, failed_at = :now, updated_at = :now, error_code = :code, error_message = :title REMOVE send_claimed_at',
    {
      condition: 'send_claimed_at = :mine',
      names: { '#status': 'status' },
      values: { ':failed': 'failed', ':rank': STATUS_RANK.failed, ':now': now, ':code': code, ':title': title, ':mine': claimedAt },
    },
  );
}
