/**
 * The AI coach's configuration. Plain settings come from the environment; the
 * keys (OpenAI, web API key, RevenueCat, Google service account, Apple) come
 * from the environment locally and, on AWS, from the service's `coach` secret
 * in Secrets Manager (shared/secrets.ts). The secret is a JSON object with
 * the same names as the variables below, so any setting may live in either
 * place; the secret wins.
 */
import * as z from 'zod/mini';
import { loadConfig } from '#shared/config';
import { readSecretJson } from '#shared/secrets';
import { secrets } from '../resources.ts';

const optionalText = z.catch(z.optional(z.string().check(z.trim(), z.minLength(1))), undefined);
const flag = z.pipe(
  z._default(z.string(), 'false'),
  z.transform((value) => /^(true|1)$/i.test(value.trim())),
);

const settings = z.object({
  OPENAI_BASE_URL: z.optional(z.url()),
  OPENAI_MODEL: z._default(z.string().check(z.minLength(1)), 'gpt-4.1'),
  OPENAI_API_KEY: optionalText,
  /** `Web <key>` grants pro access; unset, every Web token is refused. */
  WEB_API_KEY: optionalText,
  REVENUECAT_BASE_URL: z._default(z.url(), 'https://api.revenuecat.com/v2'),
  REVENUECAT_API_KEY: optionalText,
  REVENUECAT_PROJECT_ID: optionalText,
  REVENUECAT_ENTITLEMENT_ID: optionalText,
  GOOGLE_PLAY_BASE_URL: z._default(z.url(), 'https://androidpublisher.googleapis.com'),
  GOOGLE_PLAY_PACKAGE_NAME: optionalText,
  /** The service account's JSON key file, as one string. */
  GOOGLE_SERVICE_ACCOUNT_JSON: optionalText,
  /** Overrides the token URL named in the service account (a local stand-in). */
  GOOGLE_OAUTH_TOKEN_URL: z.optional(z.url()),
  APPLE_APP_STORE_BASE_URL: z._default(z.url(), 'https://api.storekit.itunes.apple.com'),
  APPLE_BUNDLE_ID: optionalText,
  APPLE_ISSUER_ID: optionalText,
  APPLE_KEY_ID: optionalText,
  /** The App Store Connect API key (.p8, PKCS#8 PEM). */
  APPLE_PRIVATE_KEY: optionalText,
  /** Skips the AI rate limit (test deployments). */
  TEST_MODE: flag,
});

export type CoachConfig = z.infer<typeof settings>;

let loading: Promise<CoachConfig> | undefined;

/** The coach's settings, read on first use and kept for the life of the execution environment. */
export function coachConfig(): Promise<CoachConfig> {
  loading ??= load().catch((error) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function load(): Promise<CoachConfig> {
  // A function that is not given the secret (and every local one) reads {}.
  const fromSecret = await readSecretJson(secrets.coach);
  return loadConfig(settings, { ...process.env, ...fromSecret });
}
