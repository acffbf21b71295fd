/**
 * Sends one queued push to each of her devices at most once, around a marker
 * per push and device in her partition (`PUSH_SENT#<push id>:<device id>`),
 * as the SMS queue does (guardians/sms-delivery.ts):
 *
 *   claim    conditional write `sending` unless the marker says `sent`, or
 *            `sending` under a claim younger than the lease;
 *   publish  SNS Publish to the device's endpoint;
 *   mark     `sent`, conditioned on still holding the claim.
 *
 * SNS refusing because the endpoint is disabled (the platform said the token
 * is dead) or gone removes the device: the endpoint is deleted and the
 * device leaves her list; the marker says so and nothing is retried for it.
 * Any other failure releases the claim and fails the job once every device
 * was tried, so SQS delivers it again and only the unsent devices are sent.
 * A crash between publish and mark sends again after the lease: a duplicate
 * push is better than a lost one, and is logged as possible.
 */
import { randomUUID } from 'node:crypto';
import { EndpointDisabledException, NotFoundException } from '@aws-sdk/client-sns';
import * as table from '#shared/db/table';
import { expiresAt } from '#shared/db/ttl';
import { logger } from '#shared/observability/logger';
import { publishPush } from '#shared/providers/push-sns';
import { pushSentKey } from '../keys.ts';
import { type DeviceItem, deleteEndpoint, forgetDevice, listDevices } from './devices.ts';
import type { PushJob } from './push-jobs.ts';

/** Longer than the consumer's timeout: a claim this old belongs to an attempt that is certainly over. */
export const PUSH_CLAIM_LEASE_SECONDS = 60;
const MARKER_DAYS = 15;

export type DeviceOutcome = 'sent' | 'already_sent' | 'removed' | 'in_progress' | 'failed';

export async function deliverPush(job: PushJob, now = new Date()): Promise<DeviceOutcome[]> {
  const devices = await listDevices(Number(job.userId));
  const outcomes = await Promise.all(devices.map((device) => deliverToDevice(job, device, now)));
  if (outcomes.some((outcome) => outcome === 'failed' || outcome === 'in_progress')) throw new Error('push not delivered to every device yet');
  return outcomes;
}

async function deliverToDevice(job: PushJob, device: DeviceItem, now: Date): Promise<DeviceOutcome> {
  const marker = pushSentKey(job.userId, job.pushId, device.device_id);
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
        ':stale': now.getTime() - PUSH_CLAIM_LEASE_SECONDS * 1000,
        ':expires': expiresAt(MARKER_DAYS * 86_400, now),
        ':one': 1,
      },
      returning: 'new',
    },
  );
  if (!claimed) {
    const current = await table.get<{ state: string }>(marker, { consistent: true });
    return current?.state === 'sending' ? 'in_progress' : 'already_sent';
  }
  if (claimed.attempts > 1) logger.warn('push resent after an attempt that ended between publish and mark: possible duplicate', { platform: device.platform });

  try {
    await publishPush(device.endpoint_arn, { title: job.title, body: job.body, data: job.data });
  } catch (error) {
    if (error instanceof EndpointDisabledException || error instanceof NotFoundException) {
      logger.info('push endpoint disabled or gone; device removed', { platform: device.platform, errorName: error.name });
      await deleteEndpoint(device.endpoint_arn);
      await forgetDevice(device);
      await finish(marker, claimId, 'removed');
      return 'removed';
    }
    // Not sent: free the claim so the redelivery sends at once.
    await table.delete(marker, { condition: 'claimId = :claim', values: { ':claim': claimId } }).catch(() => undefined);
    logger.warn('push not sent; the job will be retried', { platform: device.platform, errorName: (error as Error).name });
    return 'failed';
  }
  await finish(marker, claimId, 'sent');
  return 'sent';
}

async function finish(marker: { pk: string; sk: string }, claimId: string, state: 'sent' | 'removed'): Promise<void> {
  try {
    await table.update(marker, 'SET #state = :state, doneAt = :now REMOVE claimedAt', {
      condition: 'claimId = :claim',
      names: { '#state': 'state' },
      values: { ':state': state, ':now': new Date().toISOString(), ':claim': claimId },
    });
  } catch (error) {
    logger.error('push marker not written; a redelivery after the lease would send again', { errorName: (error as Error).name });
  }
}
