/**
 * Sends one queued e-mail at most once per job id, around a marker item
 * (`EMAIL_SENT#<id>`):
 *
 *   claim  conditional write `sending` with a claim id, unless the marker says
 *          `sent`, or `sending` under a claim younger than the lease;
 *   send   through the e-mail port (SES; the outbox locally);
 *   mark   `sent`, conditioned on still holding the claim.
 *
 * A provider failure releases the claim and fails the job, so SQS delivers it
 * again and it is sent then; after its last receive it goes to the DLQ (whose
 * alarm fires). A redelivery of a sent job sends nothing. A redelivery while
 * another delivery holds a fresh claim fails and is retried later. Only a
 * crash between the send and the mark can send twice (after the lease): SES
 * has no idempotency key, and a repeated reset code is better than a lost one.
 */
import { randomUUID } from 'node:crypto';
import * as table from '#shared/db/table';
import { expiresAt } from '#shared/db/ttl';
import { logger } from '#shared/observability/logger';
import { sendEmail } from '#shared/providers/email';
import { emailSentKey } from '../keys.ts';
import type { EmailJob } from './email-jobs.ts';

/** Longer than the consumer's timeout: a claim this old belongs to an attempt that is over. */
export const CLAIM_LEASE_SECONDS = 60;
/** Markers outlive every redelivery: SQS keeps a message (and its DLQ copy) at most 14 days. */
const MARKER_DAYS = 15;

export class EmailInProgress extends Error {
  constructor() {
    super('another delivery of this e-mail is in progress');
    this.name = 'EmailInProgress';
  }
}

export async function deliverEmail(job: EmailJob, now = new Date()): Promise<'sent' | 'already_sent'> {
  const marker = emailSentKey(job.id);
  const claimId = randomUUID();
  const claimed = await table.update(marker, 'SET #state = :sending, claimId = :claim, claimedAt = :now, expiresAt = :expires', {
    condition: 'attribute_not_exists(pk) OR (#state = :sending AND claimedAt < :stale)',
    names: { '#state': 'state' },
    values: {
      ':sending': 'sending',
      ':claim': claimId,
      ':now': now.getTime(),
      ':stale': now.getTime() - CLAIM_LEASE_SECONDS * 1000,
      ':expires': expiresAt(MARKER_DAYS * 86_400, now),
    },
  });
  if (!claimed) {
    const current = await table.get<{ state: string }>(marker, { consistent: true });
    if (current?.state === 'sent') {
      logger.info('e-mail already sent; redelivery ignored', { template: job.template });
      return 'already_sent';
    }
    throw new EmailInProgress();
  }

  let messageId: string;
  try {
    ({ messageId } = await sendEmail({ to: job.to, subject: job.subject, text: job.text, ...(job.html ? { html: job.html } : {}) }));
  } catch (error) {
    await table.delete(marker, { condition: 'claimId = :claim', values: { ':claim': claimId } }).catch(() => undefined);
    throw error;
  }
  await table
    .update(marker, 'SET #state = :sent, sentAt = :at, messageId = :messageId REMOVE claimedAt', {
      condition: 'claimId = :claim',
      names: { '#state': 'state' },
      values: { ':sent': 'sent', ':at': new Date().toISOString(), ':messageId': messageId, ':claim': claimId },
    })
    .catch((error) =>
      logger.error('e-mail sent but not marked; a redelivery after the lease would send it again', {
        template: job.template,
        errorName: (error as Error).name,
      }),
    );
  logger.info('e-mail sent', { template: job.template });
  return 'sent';
}
