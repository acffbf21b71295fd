/**
 * The notifications feature's part of the PenhaS manifest: her inbox and
 * devices, the `notifications` queue (likes, comments, unread chats → her
 * inbox rows), the `push` queue (each notification to her devices through
 * SNS mobile push, once per device) and the unread-chat schedule.
 */
import type { FeatureManifest } from '../feature-manifest.ts';
import { queues } from '../resources.ts';
import { notificationRoutes } from './notifications.route.ts';
import { PUSH_MAX_RECEIVES } from './push-retries.ts';

export const feature: FeatureManifest = {
  routes: notificationRoutes,
  queues: [
    {
      name: queues.notifications,
      consumer: { handler: 'functions/penhas/notifications/notification-events.ts', timeoutSeconds: 60, access: { sendsTo: [queues.push] } },
      batchSize: 10,
      // Queued by the like and comment routes and the unread-chat schedule; the consumer checks each claim against the table.
      objectIds: [
        { object: 'tweet', from: 'message', field: 'tweet_id', owner: 'origin' },
        { object: 'user', from: 'message', field: 'cliente_id', owner: 'origin' },
      ],
    },
    {
      name: queues.push,
      consumer: { handler: 'functions/penhas/notifications/send-push.ts', timeoutSeconds: 20, access: { providers: ['push', 'push-endpoints'] } },
      batchSize: 10,
      // A failed push is retried after 5, 10, 20 and 40 s (the consumer sets each delay), then dead-lettered: the DLQ alarm fires.
      maxReceiveCount: PUSH_MAX_RECEIVES,
      // Queued by notify() for the account it notified; the devices are read from that account's own partition.
      objectIds: [{ object: 'user', from: 'message', field: 'userId', owner: 'origin' }],
    },
  ],
  schedules: [
    {
      name: 'unread-chat-notifications',
      expression: 'rate(1 minute)',
      description: 'Queues a notification for each chat message unread for 5 minutes, once per unread marker',
      handler: 'functions/penhas/notifications/unread-chats-schedule.ts',
      timeoutSeconds: 60,
      access: { sendsTo: [queues.notifications] },
    },
  ],
};
