/**
 * Sends one queued e-mail at most once per job id, around a marker item
 * (`EMAIL_SENT#<id>`, shared/queue/send-once.ts): claimed, sent through the
 * e-mail port (SES; the outbox locally), marked `sent`.
 *
 * A provider failure releases the claim and fails the job, so SQS delivers it
 * again and it is sent then; after its last receive it goes to the DLQ (whose
 * alarm fires). A redelivery of a sent job sends nothing. A redelivery while
 * another delivery holds a fresh claim fails and is retried later. Only a
 * crash between the send and the mark can send twice (after the lease): SES
 * has no idempotency key, and a repeated reset code is better than a lost one.
 */
import { logger } from '#shared/observability/logger';
import { sendEmail } from '#shared/providers/email';
import { claimSend, finishSend, releaseSend } from '#shared/queue/send-once';
import { emailSentKey } from '../keys.ts';
import type { EmailJob } from './email-jobs.ts';

/** Longer than the consumer's timeout: a claim this old belongs to an attempt that is over. */
export const CLAIM_LEASE_SECONDS = 60;

export class EmailInProgress extends Error {
  constructor() {
    super('another delivery of this e-mail is in progress');
    this.name = 'EmailInProgress';
  }
}

export async function deliverEmail(job: EmailJob, now = new Date()): Promise<'sent' | 'already_sent'> {
  const marker = emailSentKey(job.id);
  const claim = await claimSend(marker, { leaseSeconds: CLAIM_LEASE_SECONDS, now });
  if (claim.outcome === 'finished') {
    logger.info('e-mail already sent; redelivery ignored', { template: job.template });
    return 'already_sent';
  }
  if (claim.outcome === 'in_progress') throw new EmailInProgress();

  let messageId: string;
  try {
    ({ messageId } = await sendEmail({ to: job.to, subject: job.subject, text: job.text, ...(job.html ? { html: job.html } : {}) }));
  } catch (error) {
    await releaseSend(marker, claim.claimId);
    throw error;
  }
  if (!(await finishSend(marker, claim.claimId, 'sent', { sentAt: new Date().toISOString(), messageId }))) {
    logger.error('e-mail sent but not marked; a redelivery after the lease would send it again', { template: job.template });
  }
  logger.info('e-mail sent', { template: job.template });
  return 'sent';
}
