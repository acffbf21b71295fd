/** The `user-erasure` queue: erases a slice of a deleted user's data, and queues the rest. */
import { queueConsumer } from '#shared/queue/consume';
import { continueErasure, eraseSome, erasureJob } from './erasure.ts';

export const handler = queueConsumer(erasureJob, async ({ userId }) => {
  if (!(await eraseSome(userId))) await continueErasure(userId);
});
