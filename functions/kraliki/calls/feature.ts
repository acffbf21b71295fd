/**
 * The calls feature's part of the Kraliki manifest, assembled by ../service.ts:
 * the /api/calls routes and the queue of work a call's status change sets off
 * (dialing its agent in, releasing her; call-jobs.ts), with its DLQ.
 */
import type { FeatureManifest } from '../feature-manifest.ts';
import { queues } from '../resources.ts';
import { createCallRoute, deleteCallRoute, endCallRoute, getCallRoute, listCallsRoute, updateCallRoute } from './calls.route.ts';

export const feature: FeatureManifest = {
  routes: [listCallsRoute, createCallRoute, getCallRoute, updateCallRoute, deleteCallRoute, endCallRoute],
  queues: [
    {
      name: queues.callWork,
      consumer: { handler: 'functions/kraliki/calls/process-call-job.ts', timeoutSeconds: 30, access: { secrets: ['twilio'] } },
      // An agent waits on the line for her dial: no batching window.
      batchSize: 5,
    },
  ],
};
