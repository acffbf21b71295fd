/** The queues feature's part of the PyTake manifest: queue settings, pulling the next waiting conversation, metrics and ratings, and the SLA alerts' schedule. */
import type { FeatureManifest } from '../feature-manifest.ts';
import { queues } from '../resources.ts';
import { queueMetricsRoute, rateConversationRoute } from './metrics.route.ts';
import { bulkDeleteQueuesRoute, createQueueRoute, deleteQueueRoute, getQueueRoute, listQueuesRoute, pullRoute, updateQueueRoute } from './queues.route.ts';

export const feature: FeatureManifest = {
  routes: [
    createQueueRoute,
    listQueuesRoute,
    getQueueRoute,
    updateQueueRoute,
    deleteQueueRoute,
    pullRoute,
    queueMetricsRoute,
    rateConversationRoute,
    bulkDeleteQueuesRoute,
  ],
  schedules: [
    {
      name: 'sla-alerts',
      expression: 'rate(1 minute)',
      description:
        'Announces sla:warning and notifies the queue’s agents and admins once per waiting conversation and threshold (80% and 100% of the queue’s SLA)',
      handler: 'functions/pytake/queues/sla-alerts.ts',
      timeoutSeconds: 50,
      access: { sendsTo: [queues.notifications] },
    },
  ],
};
