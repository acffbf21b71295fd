/**
 * Queue sizes' part of the Kraliki manifest: the read for supervisors and the
 * `<Enqueue>` action webhook (a Function URL, locally
 * `/kraliki/webhooks/twilio-queue`, named by the IVR's TwiML itself).
 */
import type { FeatureManifest } from '../feature-manifest.ts';
import { queueSizesRoute } from './queues.route.ts';

export const feature: FeatureManifest = {
  routes: [queueSizesRoute],
  webhooks: [
    {
      name: 'twilio-queue',
      auth: 'signature',
      handler: 'functions/kraliki/queues/twilio-queue.ts',
      access: { secrets: ['twilio'] },
      summary: '`<Enqueue>`’s action: the call left its queue (`QueueResult`); it is counted out once, and hung up',
    },
  ],
};
