/**
 * The `call-ai` queue's job: analyse one call's transcripts (analysis.ts). It is
 * enqueued when a call ends (calls/process-call-job.ts) and when a transcript
 * arrives (the twilio-transcription webhook), never analysed in the request that
 * learnt of it. The organization comes from the stored call the enqueuer found.
 */
import * as z from 'zod/mini';
import { sendJob } from '#shared/queue/send';
import { queues } from '../resources.ts';

export const analysisJob = z.object({ organization_id: z.string(), call_id: z.string() });
export type AnalysisJob = z.infer<typeof analysisJob>;

export const enqueueAnalysis = (orgId: string, callId: string) =>
  sendJob(queues.callAi, { organization_id: orgId, call_id: callId } satisfies AnalysisJob, { groupId: orgId });
