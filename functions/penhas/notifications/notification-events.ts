/** The `notifications` queue's consumer: each event notifies whoever it concerns, once (notification-rules.ts). */
import { logger } from '#shared/observability/logger';
import { queueConsumer } from '#shared/queue/consume';
import { notificationEvent } from './events.ts';
import { handleNotificationEvent } from './notification-rules.ts';

export const handler = queueConsumer(
  notificationEvent,
  async (event) => {
    const notified = await handleNotificationEvent(event);
    logger.info('notification event handled', { kind: event.kind, notified });
  },
  { concurrency: 5 },
);
