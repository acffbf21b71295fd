/** Every 5 minutes: downloads the feeds that are due and queues their new items for indexing. */
import { observed } from '#shared/observability/invocation';
import { logger } from '#shared/observability/logger';
import { tickFeeds } from './fetch-feeds.ts';

export const handler = observed(async () => {
  const queued = await tickFeeds();
  if (queued) logger.info('news items queued for indexing', { count: queued });
});
