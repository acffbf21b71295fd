/** Every minute: deletes the accounts whose scheduled deletion is due, and finishes any cut short. */
import { observed } from '#shared/observability/invocation';
import { logger } from '#shared/observability/logger';
import { sweepDueDeletions } from './deletion.ts';

export const handler = observed(async () => {
  const deleted = await sweepDueDeletions();
  if (deleted) logger.info('accounts deleted', { count: deleted });
});
