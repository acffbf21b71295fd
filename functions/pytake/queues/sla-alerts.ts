/** Every minute: SLA warnings and breaches of waiting conversations (sla.ts). */
import { observed } from '#shared/observability/invocation';
import { logger } from '#shared/observability/logger';
import { sweepSla } from './sla.ts';

// The sweep reads the clock itself: a retried invocation carries its first firing's time.
export const handler = observed(async () => {
  const alerts = await sweepSla();
  if (alerts) logger.info('SLA alerts sent', { count: alerts });
});
