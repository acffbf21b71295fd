/**
 * The one structured logger every function uses (Powertools): JSON lines carrying
 * the service, function, request id, cold start and correlation id. Call sites log
 * facts (ids, counts, error names), never bodies, passwords, tokens, secrets or
 * phone numbers: nothing here redacts, so nothing sensitive may be handed to it.
 */
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = /* @__PURE__ */ new Logger({ serviceName: process.env.SERVICE_NAME });

/**
 * What a log line says of a failure: its name, and its stack (which opens with
 * its message) only where asked, for failures that are bugs or outages. Errors
 * of this code base never carry request data in their messages.
 */
export function errorFacts(error: unknown, options: { stack?: boolean } = {}): Record<string, string | undefined> {
  if (!(error instanceof Error)) return { errorName: typeof error };
  return options.stack ? { errorName: error.name, stack: error.stack } : { errorName: error.name, errorMessage: error.message };
}
