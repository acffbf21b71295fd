/**
 * The calls feature's part of the Kraliki manifest, assembled by ../service.ts:
 * the /api/calls routes and the queue of work a call's status change sets off
 * (dialing its agent in, releasing her, handing an ended call on; call-jobs.ts), with its DLQ.
 */
import type { FeatureManifest } from '../feature-manifest.ts';
import { queues } from '../resources.ts';
import { createCallRoute, deleteCallRoute, endCallRoute, getCallRoute, listCallsRoute, updateCallRoute } from './calls.route.ts';

export const feature: FeatureManifest = {
  routes: [listCallsRoute, createCallRoute, getCallRoute, updateCallRoute, deleteCallRoute, endCallRoute],
  queues: [
    {
      name: queues.callWork,
      consumer: {
        handler: 'functions/kraliki/calls/process-call-job.ts',
        timeoutSeconds: 20,
        // An ended call goes on to the dialer (its contact's outcome) and to the analysis queue.
        access: { secrets: ['twilio'], sendsTo: [queues.campaignDial, queues.callAi] },
      },
      // A customer waits on the line for her agent: no batching window, and a failed dial is retried
      // after 40 s rather than the default 6 × the timeout; after 5 receives the job goes to the DLQ.
      batchSize: 5,
      visibilityTimeoutSeconds: 40,
      // Queued by a status change of a call of the organization the job names; read from its partition only.
      objectIds: [{ object: 'call', from: 'message', field: 'call_id', owner: 'origin' }],
    },
  ],
};
