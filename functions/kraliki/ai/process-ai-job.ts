/** Consumer of the call-ai queue (ai-jobs.ts): a call's summary, sentiment and agent-assist suggestions from its transcripts. */
import { queueConsumer } from '#shared/queue/consume';
import { analysisJob } from './ai-jobs.ts';
import { analyseCall } from './analysis.ts';

export const handler = queueConsumer(analysisJob, async (job) => {
  await analyseCall(job.organization_id, job.call_id);
});
