/** The `meta-webhook` queue's consumer: each record is one verified change (inbox/inbound.ts does the work, idempotently). */
import { queueConsumer } from '#shared/queue/consume';
import { processChange } from '../inbox/inbound.ts';
import { changeJob } from './meta-jobs.ts';

export const handler = queueConsumer(changeJob, async (job) => {
  await processChange(job);
});
