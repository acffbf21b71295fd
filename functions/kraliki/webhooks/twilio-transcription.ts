/**
 * twilio-transcription: a finished transcription becomes one transcript of its call, once per
 * TranscriptionSid, and the call is queued for analysis (ai/ai-jobs.ts): the model is never asked here.
 */
import { logger } from '#shared/observability/logger';
import { enqueueAnalysis } from '../ai/ai-jobs.ts';
import { addTranscript, findCallRef } from '../calls/calls.ts';
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
  // Again on a retry: Twilio retries when the enqueue failed, and the analysis skips transcripts it has read.
  await enqueueAnalysis(ref.organizationId, ref.callId);
  return undefined;
});
