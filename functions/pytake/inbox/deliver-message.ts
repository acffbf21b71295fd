/** The `send-message` queue's consumer: each record is one outbound message to pace and send (delivery.ts). */
import { queueConsumer } from '#shared/queue/consume';
import { deliver } from './delivery.ts';
import { sendJobSchema } from './send-jobs.ts';

export const handler = queueConsumer(
  sendJobSchema,
  async (job) => {
    await deliver(job);
  },
  { concurrency: 10 },
);
