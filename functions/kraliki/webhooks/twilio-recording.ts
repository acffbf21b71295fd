/** twilio-recording: a finished recording's URL is attached to its call (again, the same: nothing changes). */
import { logger } from '#shared/observability/logger';
import { attachRecording, findCallRef } from '../calls/calls.ts';
import { twilioWebhook } from './twilio-webhook.ts';

export const handler = twilioWebhook('twilio-recording', async ({ param }) => {
  const callSid = param('CallSid');
  const recordingSid = param('RecordingSid');
  const recordingUrl = param('RecordingUrl');
  const recordingStatus = param('RecordingStatus');
  const ref = callSid ? await findCallRef(callSid) : undefined;
  if (!ref) {
    logger.info('recording callback for an unknown call', { recordingSid });
    return undefined;
  }
  if ((recordingStatus && recordingStatus !== 'completed') || !recordingSid || !recordingUrl) {
    logger.info('recording callback without a finished recording', { callId: ref.callId, recordingSid, recordingStatus });
    return undefined;
  }
  await attachRecording(ref, { sid: recordingSid, url: recordingUrl });
  logger.info('recording attached', { callId: ref.callId, recordingSid });
  return undefined;
});
