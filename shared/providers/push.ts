/**
 * Push notifications: through SNS mobile push on AWS, into the outbox locally.
 * The SNS adapter is imported on first real use, so a local cold start never
 * evaluates it.
 */
import { recordOutgoing, usesLocalProviders } from './outbox.ts';

export interface PushNotification {
  title: string;
  body: string;
  /** Delivered to the app alongside the notification; FCM accepts string values only. */
  data?: Record<string, string>;
}

/**
 * Notifies one device. `target` is the device's SNS platform endpoint ARN on
 * AWS; locally any identifier (the raw device token) will do.
 */
export async function sendPush(target: string, notification: PushNotification): Promise<{ messageId: string }> {
  if (usesLocalProviders()) return { messageId: (await recordOutgoing('push', target, notification)).id };
  const { publishPush } = await import('./push-sns.ts');
  return publishPush(target, notification);
}
