/**
 * The `sms` queue's jobs: one message per SMS (a panic alert to one guardian,
 * or one invite), each with an idempotency key, so the consumer sends each SMS
 * at most once however often SQS delivers it (sms-delivery.ts).
 */
import * as z from 'zod/mini';
import { sendJob, sendJobs } from '#shared/queue/send';
import { queues } from '../resources.ts';

export const smsJob = z.object({
  /** Whose SMS it is: its sent marker lives in her partition. */
  userId: z.number(),
  /** E.164. */
  to: z.string().check(z.minLength(4), z.maxLength(20)),
  text: z.string().check(z.minLength(1), z.maxLength(1600)),
  /** `<alert id>:<guardian id>` or `invite:<guardian id>`. */
  key: z.string().check(z.minLength(1), z.maxLength(200)),
  kind: z.enum(['alert', 'invite']),
});
export type SmsJob = z.infer<typeof smsJob>;

export const alertSmsKey = (alertId: string, guardianId: number) => `${alertId}:${guardianId}`;
export const inviteSmsKey = (guardianId: number) => `invite:${guardianId}`;

export const enqueueSms = (jobs: SmsJob[]): Promise<void> => sendJobs(queues.sms, jobs);
export const enqueueOneSms = (job: SmsJob): Promise<string> => sendJob(queues.sms, job);
