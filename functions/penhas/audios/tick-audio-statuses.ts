/** Every minute: moves audio events along their access lifecycle (blocked, hidden, deleted). */
import { observed } from '#shared/observability/invocation';
import { logger } from '#shared/observability/logger';
import { sweepAudioStatuses } from './status-sweep.ts';

export const handler = observed(async () => {
  const moved = await sweepAudioStatuses();
  if (moved) logger.info('audio lifecycle run', { moved });
});
