/**
 * The one structured logger every function uses (Powertools): JSON lines carrying
 * the service, function, request id, cold start and correlation id. Call sites log
 * facts (ids, counts, error names), never bodies, passwords, tokens, secrets or
 * phone numbers: nothing here redacts, so nothing sensitive may be handed to it.
 */
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = /* @__PURE__ */ new Logger({ serviceName: process.env.SERVICE_NAME });
