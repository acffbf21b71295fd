/**
 * Sends one queued push to each of her devices at most once, around a marker
 * per push and device in her partition (`PUSH_SENT#<push id>:<device id>`,
 * shared/queue/send-once.ts): claimed, published to the device's SNS
 * endpoint, marked `sent`.
 *
 * SNS refusing because the endpoint is disabled (the platform said the token
 * is dead) or gone removes the device: the endpoint is deleted and the
 * device leaves her list; the marker says so and nothing is retried for it.
 * Any other failure releases the claim and fails the job once every device
 * was tried, so SQS delivers it again and only the unsent devices are sent.
 * A crash between publish and mark sends again after the lease: a duplicate
 * push is better than a lost one, and is logged as possible.
 */
import { EndpointDisabledException, NotFoundException } from '@aws-sdk/client-sns';
import { logger } from '#shared/observability/logger';
import { publishPush } from '#shared/providers/push-sns';
import { claimSend, finishSend, releaseSend } from '#shared/queue/send-once';
import { pushSentKey } from '../keys.ts';
import { type DeviceItem, deleteEndpoint, forgetDevice, listDevices } from './devices.ts';
import type { PushJob } from './push-jobs.ts';

/** Longer than the consumer's timeout: a claim this old belongs to an attempt that is certainly over. */
export const PUSH_CLAIM_LEASE_SECONDS = 60;

export type DeviceOutcome = 'sent' | 'already_sent' | 'removed' | 'in_progress' | 'failed';

export async function deliverPush(job: PushJob, now = new Date()): Promise<DeviceOutcome[]> {
  const devices = await listDevices(Number(job.userId));
  const outcomes = await Promise.all(devices.map((device) => deliverToDevice(job, device, now)));
  if (outcomes.some((outcome) => outcome === 'failed' || outcome === 'in_progress')) throw new Error('push not delivered to every device yet');
  return outcomes;
}

async function deliverToDevice(job: PushJob, device: DeviceItem, now: Date): Promise<DeviceOutcome> {
  const marker = pushSentKey(job.userId, job.pushId, device.device_id);
  const claim = await claimSend(marker, { leaseSeconds: PUSH_CLAIM_LEASE_SECONDS, now });
  if (claim.outcome === 'finished') return 'already_sent';
  if (claim.outcome === 'in_progress') return 'in_progress';
  if (claim.attempts > 1) logger.warn('push resent after an attempt that ended between publish and mark: possible duplicate', { platform: device.platform });

  try {
    await publishPush(device.endpoint_arn, { title: job.title, body: job.body, data: job.data });
  } catch (error) {
    if (error instanceof EndpointDisabledException || error instanceof NotFoundException) {
      logger.info('push endpoint disabled or gone; device removed', { platform: device.platform, errorName: error.name });
      await deleteEndpoint(device.endpoint_arn);
      await forgetDevice(device);
      await finish(marker, claim.claimId, 'removed');
      return 'removed';
    }
    await releaseSend(marker, claim.claimId);
    logger.warn('push not sent; the job will be retried', { platform: device.platform, errorName: (error as Error).name });
    return 'failed';
  }
  await finish(marker, claim.claimId, 'sent');
  return 'sent';
}

async function finish(marker: { pk: string; sk: string }, claimId: string, state: 'sent' | 'removed'): Promise<void> {
  if (!(await finishSend(marker, claimId, state, { doneAt: new Date().toISOString() }))) {
    logger.error('push marker not written; a redelivery after the lease would send again');
  }
}
