/** The `contact-import` queue: one slice of a queued CSV import per job (import.ts). */
import * as z from 'zod/mini';
import { queueConsumer } from '#shared/queue/consume';
import { continueImport } from './import.ts';

export const handler = queueConsumer(z.object({ organization_id: z.string(), job_id: z.string() }), (job) => continueImport(job.organization_id, job.job_id), {
  concurrency: 1,
});
