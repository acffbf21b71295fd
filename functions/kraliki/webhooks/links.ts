/** The webhooks the IVR's TwiML sends Twilio to, from the configured public base URL. */
import type { IvrLinks } from '../ivr/twiml.ts';
import { type TwilioWebhookConfig, webhookUrl } from './twilio-config.ts';

export const ivrLinks = (config: TwilioWebhookConfig): IvrLinks => ({
  gather: (query) => webhookUrl(config, 'twilio-gather', query),
  recording: webhookUrl(config, 'twilio-recording'),
  transcription: webhookUrl(config, 'twilio-transcription'),
  queueResult: webhookUrl(config, 'twilio-queue'),
});
