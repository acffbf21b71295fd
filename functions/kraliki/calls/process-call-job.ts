/** Consumer of the call-work queue (call-jobs.ts): dials an agent into her call's conference, or releases her from a finished call. */
import { queueConsumer } from '#shared/queue/consume';
import { dialAgent, releaseAgent } from './agent-leg.ts';
import { callJob } from './call-jobs.ts';

export const handler = queueConsumer(callJob, async (job, record) => {
  if (job.kind === 'dial-agent') await dialAgent(job.organization_id, job.call_id, record.messageId);
  else await releaseAgent(job.organization_id, job.call_id, record.messageId);
});
