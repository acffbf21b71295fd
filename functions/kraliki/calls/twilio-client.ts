/**
 * The Twilio account's REST API (the twilio SDK through shared/providers/twilio.ts)
 * and the URLs Twilio is given for a call: the twilio-voice webhook (an outbound
 * call joins its conference when answered) and twilio-status (its progress).
 * Credentials come from the `twilio` secret on AWS, the environment locally
 * (the stand-in's account); read once per execution environment.
 *
 * Twilio's refusals (a RestException with a 4xx status) become 409
 * `twilio_refused`, with Twilio's code; anything else is a failure of ours (500).
 */
import * as z from 'zod/mini';
import { ConfigError, loadConfig } from '#shared/config';
import { AppError, conflict } from '#shared/errors';
import { logger } from '#shared/observability/logger';
import { twilioAccount } from '#shared/providers/twilio';
import { readSecretJson } from '#shared/secrets';
import { secrets } from '../resources.ts';
import { twilioWebhookConfig, webhookUrl } from '../webhooks/twilio-config.ts';

const environment = z.object({ TWILIO_ACCOUNT_SID: z.optional(z.string().check(z.minLength(1))) });

export type TwilioAccount = ReturnType<typeof twilioAccount>;

let account: Promise<TwilioAccount> | undefined;

/** The account SID every organization's calls are placed through. */
export async function twilioAccountSid(): Promise<string> {
  const secret = await readSecretJson(secrets.twilio);
  const accountSid = secret.TWILIO_ACCOUNT_SID ?? loadConfig(environment).TWILIO_ACCOUNT_SID;
  if (!accountSid) throw new ConfigError(['TWILIO_ACCOUNT_SID is not configured (the twilio secret on AWS, the environment locally)']);
  return accountSid;
}

/**
 * Calls per second the account may place (Twilio's default is 1 per account; a raised limit is
 * `TWILIO_CALLS_PER_SECOND` in the twilio secret). Every organization's dials share it.
 */
export async function twilioAccountCallsPerSecond(): Promise<number> {
  const configured = Number.parseFloat((await readSecretJson(secrets.twilio)).TWILIO_CALLS_PER_SECOND ?? '');
  return Number.isFinite(configured) && configured > 0 ? configured : 1;
}

export function twilio(): Promise<TwilioAccount> {
  account ??= (async () => {
    const [accountSid, config] = await Promise.all([twilioAccountSid(), twilioWebhookConfig()]);
    return twilioAccount({ accountSid, authToken: config.authToken });
  })().catch((error) => {
    account = undefined;
    throw error;
  });
  return account;
}

/** The webhooks Twilio is sent to for a call this service places. */
export async function callUrls(): Promise<{ voice: string; status: string }> {
  const config = await twilioWebhookConfig();
  return { voice: webhookUrl(config, 'twilio-voice'), status: webhookUrl(config, 'twilio-status') };
}

/** Runs a Twilio request; Twilio's 4xx refusals become 409 `twilio_refused`. */
export async function twilioRequest<T>(what: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    const status = (error as { status?: number }).status;
    const code = (error as { code?: number }).code;
    if (error instanceof AppError || typeof status !== 'number' || status < 400 || status >= 500) throw error;
    logger.warn('twilio refused a request', { what, status, twilioCode: code });
    throw conflict('twilio_refused', `Twilio refused to ${what} (error ${code ?? status})`);
  }
}
