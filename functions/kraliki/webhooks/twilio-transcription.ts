/**
 * twilio-transcription: a finished transcription becomes one transcript of its call, once per
 * TranscriptionSid, announced live (`transcript:line`, enqueued), and the call is queued for analysis
 * (ai/ai-jobs.ts): the model is never asked here.
 */
import { logger } from '#shared/observability/logger';
import { enqueueAnalysis } from '../ai/ai-jobs.ts';
import { addTranscript, findCallRef, getCall } from '../calls/calls.ts';
import { publishLiveEvent } from '../live/live.ts';
import { twilioWebhook } from './twilio-webhook.ts';

export const handler = twilioWebhook('twilio-transcription', async ({ param }) => {
  const callSid = param('CallSid');
  const transcriptionSid = param('TranscriptionSid');
  const status = param('TranscriptionStatus');
  const ref = callSid ? await findCallRef(callSid) : undefined;
  if (!ref) {
    logger.info('transcription callback for an unknown call', { transcriptionSid });
    return undefined;
  }
  if (status !== 'completed' || !transcriptionSid) {
    logger.info('transcription callback without a transcript', { callId: ref.callId, transcriptionSid, transcriptionStatus: status });
    return undefined;
  }
  const added = await addTranscript(ref, { sid: transcriptionSid, text: param('TranscriptionText') ?? '', recordingSid: param('RecordingSid') });
  logger.info(added ? 'transcript added' : 'transcript already there', { callId: ref.callId, transcriptionSid });
  if (added) {
    const call = await getCall(ref);
    const agentId = call?.agent_id ?? null;
    await publishLiveEvent(ref.organizationId, {
      type: 'transcript:line',
      call_id: ref.callId,
      transcript_id: transcriptionSid,
      text: param('TranscriptionText') ?? '',
      agent_id: agentId,
      call_agent_id: agentId,
    });
  }
  // Again on a retry: Twilio retries when the enqueue failed, and the analysis skips transcripts it has read.
  await enqueueAnalysis(ref.organizationId, ref.callId);
  return undefined;
});
