/**
 * Consumer of the call-work queue (call-jobs.ts): dials an agent into her call's conference, releases
 * her from a finished call, or hands an ended call to the dialer (its contact's outcome) and to the
 * analysis queue.
 */
import { queueConsumer } from '#shared/queue/consume';
import { enqueueAnalysis } from '../ai/ai-jobs.ts';
import { recordCallChange } from '../analytics/aggregates.ts';
import { enqueueOutcome } from '../campaigns/dialer-jobs.ts';
import { dialAgent, releaseAgent } from './agent-leg.ts';
import { callJob } from './call-jobs.ts';
import { getCall } from './calls.ts';

export const handler = queueConsumer(callJob, async (job, record) => {
  if (job.kind === 'dial-agent') await dialAgent(job.organization_id, job.call_id, record.messageId);
  else if (job.kind === 'call-finished') await releaseAgent(job.organization_id, job.call_id, record.messageId);
  else if (job.kind === 'call-active') await recordCallChange(job.organization_id, job.call_id);
  else {
    const call = await getCall({ organizationId: job.organization_id, callId: job.call_id });
    if (!call) return;
    await Promise.all([
      call.contact_id && call.campaign_id ? enqueueOutcome(job.organization_id, call.contact_id, call.id) : undefined,
      enqueueAnalysis(job.organization_id, call.id),
      recordCallChange(job.organization_id, call.id),
    ]);
  }
});
