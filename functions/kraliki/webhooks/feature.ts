/**
 * Twilio's webhooks, each a Function URL (locally `/kraliki/webhooks/<name>`).
 * Configure on the Twilio numbers: Voice URL = twilio-voice, status callback =
 * twilio-status; the IVR's TwiML names twilio-gather, twilio-recording and
 * twilio-transcription itself. Each checks `X-Twilio-Signature` (twilio-webhook.ts).
 */
import type { Webhook } from '#shared/manifest';
import type { FeatureManifest } from '../feature-manifest.ts';
import { type KralikiResources, queues } from '../resources.ts';

const twilio = (name: string, summary: string, access: Webhook<KralikiResources>['access'] = { secrets: ['twilio'] }): Webhook<KralikiResources> => ({
  name,
  auth: 'signature',
  handler: `functions/kraliki/webhooks/${name}.ts`,
  access,
  summary,
});

export const feature: FeatureManifest = {
  routes: [],
  webhooks: [
    twilio('twilio-voice', 'Answers a call with TwiML: the IVR main menu of the number’s organization (creates the INBOUND call record)'),
    twilio('twilio-gather', 'The caller’s answer to an IVR menu: TwiML for the option, the menu again, or its fallback'),
    // Enqueues the work a change sets off (dialing the agent in, releasing her): calls/call-jobs.ts.
    twilio('twilio-status', 'Call status callbacks: the call moves forward only; the assigned agent is dialled in once when it is in progress', {
      secrets: ['twilio'],
      sendsTo: [queues.callWork],
    }),
    twilio('twilio-recording', 'Recording status callbacks: a finished recording’s URL on its call'),
    // A new transcript is queued for analysis (ai/ai-jobs.ts), never analysed here.
    twilio('twilio-transcription', 'Transcription callbacks: one transcript per TranscriptionSid, queued for analysis', {
      secrets: ['twilio'],
      sendsTo: [queues.callAi],
    }),
  ],
};
