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
    },
  ],
};
