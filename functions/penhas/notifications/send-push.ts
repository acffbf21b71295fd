/**
 * The `push` queue's consumer: each record is one notification for all her
 * devices, each device sent at most once (push-delivery.ts). A record that
 * failed for some device is made visible again after a short, growing delay,
 * and on its last receive at once, so it reaches the dead-letter queue (and
 * its alarm) without waiting out the visibility timeout.
 */
import { ChangeMessageVisibilityCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { logger } from '#shared/observability/logger';
import { queueConsumer } from '#shared/queue/consume';
import { queueUrl } from '#shared/queue/send';
import { queues } from '../resources.ts';
import { deliverPush } from './push-delivery.ts';
import { pushJob } from './push-jobs.ts';
import { PUSH_MAX_RECEIVES, pushRetryDelaySeconds } from './push-retries.ts';

const sqs = new SQSClient({});

async function backOff(record: SQSRecord): Promise<void> {
  const receiveCount = Number(record.attributes.ApproximateReceiveCount);
  const seconds = receiveCount >= PUSH_MAX_RECEIVES ? 0 : pushRetryDelaySeconds(receiveCount);
  try {
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl(queues.push), ReceiptHandle: record.receiptHandle, VisibilityTimeout: seconds }));
  } catch (error) {
    logger.warn('could not set the retry delay of a failed push', { messageId: record.messageId, errorName: (error as Error).name });
  }
}

export const handler = queueConsumer(
  pushJob,
  async (job, record) => {
    try {
      await deliverPush(job);
    } catch (error) {
      await backOff(record);
      throw error;
    }
  },
  { concurrency: 10, maxReceiveCount: PUSH_MAX_RECEIVES },
);
