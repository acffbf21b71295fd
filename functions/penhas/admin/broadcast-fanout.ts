/** The `broadcast` queue's consumer: a page of accounts found, or a batch of them notified (broadcasts.ts). */
import * as z from 'zod/mini';
import { queueConsumer } from '#shared/queue/consume';
import { type BroadcastJob, runBroadcastJob } from './broadcasts.ts';

const job = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('page'),
    broadcastId: z.string(),
    shard: z.int().check(z.nonnegative()),
    startKey: z.optional(z.record(z.string(), z.unknown())),
  }),
  z.object({ kind: z.literal('users'), broadcastId: z.string(), userIds: z.array(z.int()).check(z.maxLength(100)) }),
]);

export const handler = queueConsumer<BroadcastJob>(job, (broadcastJob) => runBroadcastJob(broadcastJob));
