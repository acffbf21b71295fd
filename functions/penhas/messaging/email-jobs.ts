/**
 * The `email` queue's jobs: one message per e-mail, with an id of its own so
 * the consumer sends each at most once however often SQS delivers it
 * (email-delivery.ts). Features enqueue through `queueEmail`, which needs
 * `sendsTo: [queues.email]` in the route's access.
 */
import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { sendJob } from '#shared/queue/send';
import { queues } from '../resources.ts';

export const emailJob = z.object({
  /** The idempotency key: one e-mail per id. */
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  to: z.string().check(z.minLength(3), z.maxLength(320)),
  subject: z.string().check(z.minLength(1), z.maxLength(300)),
  text: z.string().check(z.minLength(1), z.maxLength(100_000)),
  html: z.optional(z.string().check(z.maxLength(200_000))),
  /** What it is (`forgot_password`, `account_deletion`…): for logs, never the content. */
  template: z.string().check(z.minLength(1), z.maxLength(100)),
});
export type EmailJob = z.infer<typeof emailJob>;

/** Enqueues one e-mail; `id` defaults to a fresh one (pass a stable one to make the enqueue itself idempotent). */
export function queueEmail(email: Omit<EmailJob, 'id'> & { id?: string }): Promise<string> {
  return sendJob(queues.email, { ...email, id: email.id ?? randomUUID() });
}
