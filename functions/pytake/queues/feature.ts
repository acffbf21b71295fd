/** The queues feature's part of the PyTake manifest: queue settings and pulling the next waiting conversation. */
import type { FeatureManifest } from '../feature-manifest.ts';
import { createQueueRoute, deleteQueueRoute, getQueueRoute, listQueuesRoute, pullRoute, updateQueueRoute } from './queues.route.ts';

export const feature: FeatureManifest = {
  routes: [createQueueRoute, listQueuesRoute, getQueueRoute, updateQueueRoute, deleteQueueRoute, pullRoute],
};
