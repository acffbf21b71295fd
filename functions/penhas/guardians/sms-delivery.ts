/**
 * Sends one queued SMS at most once per idempotency key, around a marker item
 * in her partition (`SMS_SENT#<key>`):
 *
 *   claim  conditional write `sending` (with a claim id) unless the marker says
 *          `sent`, or says `sending` under a claim younger than the lease;
 *   send   through the SMS port (SNS Transactional; the outbox locally);
 *   mark   `sent`, conditioned on still holding the claim.
 *
 * What each failure does:
 *   - the provider refuses or times out: the claim is released and the job
 *     fails, so SQS delivers it again (with backoff) and it is sent then;
 *   - the marker write after a successful send fails: retried here; if it still
 *     fails the job succeeds anyway (the SMS went out) and the stale `sending`
 *     claim just expires;
 *   - a second delivery while a claim is fresh (SQS may deliver a message twice
 *     at once): it fails and is retried later, when the marker says `sent`;
 *   - the process dies between the send and the mark (a crash, the Lambda
 *     timeout): whether the SMS left cannot be known, SNS has no idempotency
 *     key. Once the lease has passed, the next delivery sends again. That is
 *     a deliberate choice: for a panic alert a duplicate SMS is far better than
 *     a lost one. Such a resend is logged as a possible duplicate.
 */
import { randomUUID } from 'node:crypto';
import * as table from '#shared/db/table';
import { expiresAt } from '#shared/db/ttl';
import { logger } from '#shared/observability/logger';
import { sendSms } from '#shared/providers/sms';
import { smsSentKey } from '../keys.ts';
import type { SmsJob } from './sms-jobs.ts';

/** Longer than the consumer's timeout: a claim this old belongs to an attempt that is certainly over. */
export const CLAIM_LEASE_SECONDS = 60;
/** Markers outlive every redelivery: SQS keeps a message (and its DLQ copy) at most 14 days. */
const MARKER_DAYS = 15;
const MARK_ATTEMPTS = 3;

/** Another delivery of the same SMS holds a fresh claim; this one is retried later. */
export class SmsInProgress extends Error {
  constructor() {
    super('another delivery of this SMS is in progress');
    this.name = 'SmsInProgress';
  }
}

export type Delivery = 'sent' | 'already_sent';

export async function deliverSms(job: SmsJob, now = new Date()): Promise<Delivery> {
  const marker = smsSentKey(job.userId, job.key);
  const claimId = randomUUID();
  const claimed = await table.update<{ attempts: number }>(
    marker,
    'SET #state = :sending, claimId = :claim, claimedAt = :now, expiresAt = :expires ADD attempts :one',
    {
      condition: 'attribute_not_exists(pk) OR (#state = :sending AND claimedAt < :stale)',
      names: { '#state': 'state' },
      values: {
        ':sending': 'sending',
        ':claim': claimId,
        ':now': now.getTime(),
        ':stale': now.getTime() - CLAIM_LEASE_SECONDS * 1000,
        ':expires': expiresAt(MARKER_DAYS * 86_400, now),
        ':one': 1,
      },
      returning: 'new',
    },
  );
  if (!claimed) {
    const current = await table.get<{ state: string }>(marker, { consistent: true });
    if (current?.state === 'sent') {
      logger.info('sms already sent; redelivery ignored', { kind: job.kind });
      return 'already_sent';
    }
    throw new SmsInProgress();
  }
  if (claimed.attempts > 1) logger.warn('sms resent after an attempt that ended between send and mark: possible duplicate', { kind: job.kind });

  let messageId: string;
  try {
    ({ messageId } = await sendSms(job.to, job.text, { transactional: true }));
  } catch (error) {
    // Not sent: free the claim so the retry sends at once.
    await table.delete(marker, { condition: 'claimId = :claim', values: { ':claim': claimId } }).catch(() => undefined);
    throw error;
  }

  for (let attempt = 1; attempt <= MARK_ATTEMPTS; attempt++) {
    try {
      await table.update(marker, 'SET #state = :sent, sentAt = :now, messageId = :messageId REMOVE claimedAt', {
        condition: 'claimId = :claim',
        names: { '#state': 'state' },
        values: { ':sent': 'sent', ':now': new Date().toISOString(), ':messageId': messageId, ':claim': claimId },
      });
      break;
    } catch (error) {
      if (attempt === MARK_ATTEMPTS)
        logger.error('sms sent but not marked; a redelivery after the lease would send it again', { kind: job.kind, errorName: (error as Error).name });
    }
  }
  return 'sent';
}
