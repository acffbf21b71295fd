/**
 * The language model that analyses calls, reached with the `openai` SDK at a
 * configurable base URL (OpenAI itself, or any compatible server such as the
 * local runtime's stand-in). The key comes from the `openai` secret on AWS and
 * the environment locally; the secret may also carry `OPENAI_BASE_URL` and
 * `OPENAI_MODEL`, and wins. One client per execution environment.
 */
import OpenAI from 'openai';
import * as z from 'zod/mini';
import { ConfigError, loadConfig } from '#shared/config';
import { readSecretJson } from '#shared/secrets';
import { secrets } from '../resources.ts';

const settings = z.object({
  OPENAI_API_KEY: z.optional(z.string().check(z.trim(), z.minLength(1))),
  OPENAI_BASE_URL: z.optional(z.url()),
  OPENAI_MODEL: z._default(z.string().check(z.minLength(1)), 'gpt-4.1-mini'),
});

let client: Promise<{ openai: OpenAI; model: string }> | undefined;

export function analysisModel(): Promise<{ openai: OpenAI; model: string }> {
  client ??= (async () => {
    const config = loadConfig(settings, { ...process.env, ...(await readSecretJson(secrets.openai)) });
    if (!config.OPENAI_API_KEY) throw new ConfigError(['OPENAI_API_KEY is not configured (the openai secret on AWS, the environment locally)']);
    // A queued job: the queue retries a failure, so the SDK retries once and gives up within the consumer's timeout.
    return {
      openai: new OpenAI({ apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, maxRetries: 1, timeout: 45_000 }),
      model: config.OPENAI_MODEL,
    };
  })().catch((error) => {
    client = undefined;
    throw error;
  });
  return client;
}
