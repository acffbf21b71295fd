/**
 * The `email` queue's consumer: each record is one e-mail, sent at most once
 * (email-delivery.ts). A failed record is made visible again after a backoff
 * that doubles with each receive (10, 20, 40, 80 s; `EMAIL_RETRY_BASE_SECONDS`
 * sets the first), and at once on its last receive, so it reaches the
 * dead-letter queue (and its alarm) without waiting out the visibility timeout.
 */
import { ChangeMessageVisibilityCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { logger } from '#shared/observability/logger';
import { queueConsumer } from '#shared/queue/consume';
import { queueUrl } from '#shared/queue/send';
import { queues } from '../resources.ts';
import { deliverEmail } from './email-delivery.ts';
import { emailJob } from './email-jobs.ts';
import { EMAIL_MAX_RECEIVES } from './feature.ts';

const sqs = new SQSClient({});

export function retryDelaySeconds(receiveCount: number, baseSeconds = Number(process.env.EMAIL_RETRY_BASE_SECONDS ?? 10)): number {
  if (receiveCount >= EMAIL_MAX_RECEIVES) return 0;
  const base = Number.isFinite(baseSeconds) && baseSeconds >= 0 ? baseSeconds : 10;
  return Math.min(600, Math.round(base * 2 ** Math.max(0, receiveCount - 1)));
}

async function backOff(record: SQSRecord): Promise<void> {
  const seconds = retryDelaySeconds(Number(record.attributes.ApproximateReceiveCount));
  try {
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl(queues.email), ReceiptHandle: record.receiptHandle, VisibilityTimeout: seconds }));
  } catch (error) {
    // The queue's own visibility timeout then sets the pace.
    logger.warn('could not set the retry delay of a failed e-mail', { messageId: record.messageId, errorName: (error as Error).name });
  }
}

export const handler = queueConsumer(
  emailJob,
  async (job, record) => {
    try {
      await deliverEmail(job);
    } catch (error) {
      await backOff(record);
      throw error;
    }
  },
  { maxReceiveCount: EMAIL_MAX_RECEIVES },
);
