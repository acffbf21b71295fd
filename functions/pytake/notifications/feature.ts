/** The notifications feature's part of the PyTake manifest: the caller's notifications and preferences, and the queue whose consumer creates and delivers them. */
import type { FeatureManifest } from '../feature-manifest.ts';
import { queues } from '../resources.ts';
import { notificationRoutes } from './notifications.route.ts';

export const feature: FeatureManifest = {
  routes: notificationRoutes,
  queues: [
    {
      name: queues.notifications,
      consumer: { handler: 'functions/pytake/notifications/deliver-notifications.ts', timeoutSeconds: 60 },
      batchSize: 10,
      // Recipients are looked up in the organization the job names, which the event that queued it belonged to.
      objectIds: [{ object: 'user', from: 'message', field: 'recipients.user_ids', owner: 'origin' }],
    },
  ],
};
