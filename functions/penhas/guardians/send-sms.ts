/**
 * The `sms` queue's consumer: each record is one SMS, sent at most once
 * (sms-delivery.ts). A failed record is made visible again after a backoff
 * that grows with its receive count (ChangeMessageVisibility), and on its last
 * receive at once, so it reaches the dead-letter queue (and its alarm) without
 * waiting out the visibility timeout.
 */
import { ChangeMessageVisibilityCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { logger } from '#shared/observability/logger';
import { queueConsumer } from '#shared/queue/consume';
import { queueUrl } from '#shared/queue/send';
import { queues } from '../resources.ts';
import { deliverSms } from './sms-delivery.ts';
import { smsJob } from './sms-jobs.ts';
import { retryDelaySeconds, SMS_MAX_RECEIVES } from './sms-retries.ts';

const sqs = new SQSClient({});

async function backOff(record: SQSRecord): Promise<void> {
  const receiveCount = Number(record.attributes.ApproximateReceiveCount);
  const seconds = receiveCount >= SMS_MAX_RECEIVES ? 0 : retryDelaySeconds(receiveCount);
  try {
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl(queues.sms), ReceiptHandle: record.receiptHandle, VisibilityTimeout: seconds }));
  } catch (error) {
    // The queue's own visibility timeout then sets the pace.
    logger.warn('could not set the retry delay of a failed sms', { messageId: record.messageId, errorName: (error as Error).name });
  }
}

export const handler = queueConsumer(
  smsJob,
  async (job, record) => {
    try {
      await deliverSms(job);
    } catch (error) {
      await backOff(record);
      throw error;
    }
  },
  { concurrency: 10, maxReceiveCount: SMS_MAX_RECEIVES },
);
