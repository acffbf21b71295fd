/**
 * Twilio settings of the webhooks: the account's auth token (it signs every
 * webhook request) and, optionally, the public base URL the webhooks are
 * reachable at. On AWS both come from the service's `twilio` secret; locally
 * from the environment (service.ts `localEnvironment`: the stand-in's token and
 * `{baseUrl}/kraliki/webhooks`). Read once per execution environment.
 *
 * The base URL matters twice: signatures are checked against `<base>/<name>`,
 * and TwiML points Twilio at the other webhooks (`<Gather action>`,
 * `recordingStatusCallback`, ...) by it. A Function URL knows its own address
 * (from the event) but not its siblings', so a webhook answering with TwiML
 * that names another webhook needs the base URL configured.
 */
import * as z from 'zod/mini';
import { ConfigError, loadConfig } from '#shared/config';
import { readSecretJson } from '#shared/secrets';
import { secrets } from '../resources.ts';

const environment = z.object({
  TWILIO_AUTH_TOKEN: z.optional(z.string().check(z.minLength(1))),
  PUBLIC_WEBHOOK_BASE_URL: z.optional(z.string()),
});

export interface TwilioWebhookConfig {
  authToken: string;
  /** `https://hooks.example.com/kraliki`: webhook `name` is at `<base>/<name>`. */
  publicBaseUrl?: string;
}

let loaded: Promise<TwilioWebhookConfig> | undefined;

export function twilioWebhookConfig(): Promise<TwilioWebhookConfig> {
  loaded ??= (async () => {
    const secret = await readSecretJson(secrets.twilio);
    const env = loadConfig(environment);
    const authToken = secret.TWILIO_AUTH_TOKEN ?? env.TWILIO_AUTH_TOKEN;
    if (!authToken) throw new ConfigError(['TWILIO_AUTH_TOKEN is not configured (the twilio secret on AWS, the environment locally)']);
    const publicBaseUrl = (secret.PUBLIC_WEBHOOK_BASE_URL ?? env.PUBLIC_WEBHOOK_BASE_URL) || undefined;
    return { authToken, publicBaseUrl };
  })().catch((error) => {
    loaded = undefined;
    throw error;
  });
  return loaded;
}

/** Where Twilio reaches the webhook `name` (for TwiML and callbacks naming a sibling webhook). */
export function webhookUrl(config: TwilioWebhookConfig, name: string, query?: Record<string, string>): string {
  if (!config.publicBaseUrl) throw new ConfigError([`PUBLIC_WEBHOOK_BASE_URL is not configured: the TwiML must name the ${name} webhook`]);
  const search = query && Object.keys(query).length ? `?${new URLSearchParams(query)}` : '';
  return `${config.publicBaseUrl.replace(/\/+$/, '')}/${name}${search}`;
}
