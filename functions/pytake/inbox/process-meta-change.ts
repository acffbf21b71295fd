/**
 * The `meta-webhook` queue's consumer: each record is one verified change of
 * the Meta webhook (inbound.ts does the work, idempotently). It lives with the
 * inbox, not beside the webhook: functions under `webhooks/` are deployed with
 * the Function URLs, before the other functions learn their addresses.
 */
import { queueConsumer } from '#shared/queue/consume';
import { changeJob } from '../webhooks/meta-jobs.ts';
import { processChange } from './inbound.ts';

// A batch's changes are independent (one customer's replays are settled by the wamid claim), so all ten run at once.
export const handler = queueConsumer(
  changeJob,
  async (job) => {
    await processChange(job);
  },
  { concurrency: 10 },
);
