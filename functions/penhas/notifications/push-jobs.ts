/**
 * The `push` queue's jobs: one message per notification pushed, to every
 * device she has when it is sent. `pushId` names the push, so the consumer
 * sends it at most once per device however often SQS delivers it
 * (push-delivery.ts).
 */
import * as z from 'zod/mini';
import { sendJob } from '#shared/queue/send';
import { queues } from '../resources.ts';

export const pushJob = z.object({
  /** Whose devices; the sent markers live in her partition. */
  userId: z.string().check(z.minLength(1), z.maxLength(20)),
  pushId: z.string().check(z.minLength(1), z.maxLength(200)),
  title: z.string().check(z.maxLength(200)),
  body: z.string().check(z.maxLength(1000)),
  /** Handed to the app with the push (FCM takes string values only). */
  data: z.optional(z.record(z.string(), z.string())),
});
export type PushJob = z.infer<typeof pushJob>;

export const enqueuePush = (job: PushJob): Promise<string> => sendJob(queues.push, job);
