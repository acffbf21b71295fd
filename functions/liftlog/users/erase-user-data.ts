/** The `user-erasure` queue: erases a slice of a deleted user's data, and queues the rest. */
import { logger } from '#shared/observability/logger';
import { count } from '#shared/observability/metrics';
import { queueConsumer } from '#shared/queue/consume';
import { continueErasure, eraseSome, erasureJob } from './erasure.ts';

export const handler = queueConsumer(erasureJob, async ({ userId }) => {
  if (await eraseSome(userId)) {
    count('ErasureCompleted');
    logger.info('erasure finished', { userId });
  } else {
    await continueErasure(userId);
    logger.info('erased a slice; the rest is queued', { userId });
  }
});
