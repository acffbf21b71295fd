/** The `notifications` queue's consumer: each record is one event to notify its recipients of (deliver.ts). */
import { queueConsumer } from '#shared/queue/consume';
import { deliverNotifications } from './deliver.ts';
import { notificationJobSchema } from './notify.ts';

export const handler = queueConsumer(notificationJobSchema, deliverNotifications, { concurrency: 5 });
