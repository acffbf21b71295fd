/** Hourly: erasures whose queue message was lost (or never sent) are queued again. */
import { observed } from '#shared/observability/invocation';
import { logger } from '#shared/observability/logger';
import { count } from '#shared/observability/metrics';
import { resumeStalledErasures } from './erasure.ts';

export const handler = observed(async () => {
  const resumed = await resumeStalledErasures();
  if (resumed) {
    count('ErasuresResumed', resumed);
    logger.info('resumed stalled erasures', { count: resumed });
  }
});
