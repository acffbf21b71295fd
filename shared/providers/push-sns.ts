/**
 * The real push adapter: an SNS publish to a platform endpoint, with one
 * message per platform (`MessageStructure: json`) so APNs and FCM each get
 * their own shape.
 */
import { PublishCommand } from '@aws-sdk/client-sns';
import type { PushNotification } from './push.ts';
import { sns } from './sns.ts';

function platformMessages({ title, body, data = {} }: PushNotification): Record<string, string> {
  const apns = JSON.stringify({ aps: { alert: { title, body }, sound: 'default' }, ...data });
  const fcm = JSON.stringify({ fcmV1Message: { message: { notification: { title, body }, data } } });
  return { default: body, APNS: apns, APNS_SANDBOX: apns, GCM: fcm };
}

export async function publishPush(endpointArn: string, notification: PushNotification): Promise<{ messageId: string }> {
  const result = await sns.send(
    new PublishCommand({ TargetArn: endpointArn, MessageStructure: 'json', Message: JSON.stringify(platformMessages(notification)) }),
  );
  return { messageId: result.MessageId ?? '' };
}
