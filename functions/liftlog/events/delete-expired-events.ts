/** Hourly: deletes events past their expiry (reads already hide them; DynamoDB's TTL may lag by days). */
import { observed } from '#shared/observability/invocation';
import { logger } from '#shared/observability/logger';
import { count } from '#shared/observability/metrics';
import { deleteExpiredEvents } from './events.ts';

export const handler = observed(async () => {
  const deleted = await deleteExpiredEvents();
  count('ExpiredEventsDeleted', deleted);
  logger.info('deleted expired events', { count: deleted });
});
