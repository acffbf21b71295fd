/**
 * Sends one queued SMS at most once per idempotency key, around a marker item
 * in her partition (`SMS_SENT#<key>`, shared/queue/send-once.ts): claimed,
 * sent through the SMS port (SNS Transactional; the outbox locally), marked
 * `sent`.
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
import { logger } from '#shared/observability/logger';
import { sendSms } from '#shared/providers/sms';
import { claimSend, finishSend, releaseSend } from '#shared/queue/send-once';
import { smsSentKey } from '../keys.ts';
import type { SmsJob } from './sms-jobs.ts';

/** Longer than the consumer's timeout: a claim this old belongs to an attempt that is certainly over. */
export const CLAIM_LEASE_SECONDS = 60;
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
  const claim = await claimSend(marker, { leaseSeconds: CLAIM_LEASE_SECONDS, now });
  if (claim.outcome === 'finished') {
    logger.info('sms already sent; redelivery ignored', { kind: job.kind });
    return 'already_sent';
  }
  if (claim.outcome === 'in_progress') throw new SmsInProgress();
  if (claim.attempts > 1) logger.warn('sms resent after an attempt that ended between send and mark: possible duplicate', { kind: job.kind });

  let messageId: string;
  try {
    ({ messageId } = await sendSms(job.to, job.text, { transactional: true }));
  } catch (error) {
    await releaseSend(marker, claim.claimId);
    throw error;
  }
  if (!(await finishSend(marker, claim.claimId, 'sent', { sentAt: new Date().toISOString(), messageId }, MARK_ATTEMPTS))) {
    logger.error('sms sent but not marked; a redelivery after the lease would send it again', { kind: job.kind });
  }
  return 'sent';
}
