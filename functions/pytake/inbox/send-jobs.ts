/** The `send-message` queue's jobs: one stored outbound message to send, found by its sort key in the organization's partition. */
import * as z from 'zod/mini';
import { sendJob } from '#shared/queue/send';
import { queues } from '../resources.ts';

export const sendJobSchema = z.object({
  organization_id: z.string().check(z.minLength(1)),
  message_sk: z.string().check(z.startsWith('MESSAGE#')),
  /** Graph attempts already made (retries after 130429, 131056, 5xx). */
  attempt: z.int().check(z.gte(0)),
  /** The pacing slot already reserved for it (epoch ms), when it was put back to wait for it. */
  send_at: z.optional(z.number()),
});

export type SendJob = z.output<typeof sendJobSchema>;

/** SQS delays a message at most 15 minutes. */
const MAX_DELAY_SECONDS = 900;

export const enqueueSend = (job: SendJob, delayMs = 0): Promise<string> =>
  sendJob(queues.sendMessage, job, { delaySeconds: Math.min(MAX_DELAY_SECONDS, Math.ceil(delayMs / 1000)) });
