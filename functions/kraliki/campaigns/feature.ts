/**
 * The campaigns feature's part of the Kraliki manifest, assembled by ../service.ts: its routes,
 * the outbound dialer's queue (sweeps, paced dials, outcomes; dialer.ts) with its DLQ, and the
 * minute tick that sweeps every dialing campaign.
 */
import type { FeatureManifest } from '../feature-manifest.ts';
import { queues } from '../resources.ts';
import { campaignRoutes } from './campaigns.route.ts';

export const feature: FeatureManifest = {
  routes: campaignRoutes,
  queues: [
    {
      name: queues.campaignDial,
      consumer: {
        handler: 'functions/kraliki/campaigns/process-dial-job.ts',
        timeoutSeconds: 30,
        access: { secrets: ['twilio'], sendsTo: [queues.campaignDial] },
      },
      // Pacing is the dial job's own (a reserved slot and SQS delays), so batches only save invocations.
      batchSize: 10,
      visibilityTimeoutSeconds: 60,
      // Sweeps, dials and outcomes name objects of the organization the job names, read from its partition only.
      objectIds: [
        { object: 'campaign', from: 'message', field: 'campaign_id', owner: 'origin' },
        { object: 'contact', from: 'message', field: 'contact_id', owner: 'origin' },
        { object: 'call', from: 'message', field: 'call_id', owner: 'origin' },
      ],
    },
  ],
  schedules: [
    {
      name: 'dialer-tick',
      expression: 'rate(1 minute)',
      description: 'Sweeps every active OUTBOUND campaign: its due contacts are claimed and their dials queued, paced',
      handler: 'functions/kraliki/campaigns/tick-dialer.ts',
      timeoutSeconds: 60,
      access: { table: 'read', sendsTo: [queues.campaignDial] },
    },
  ],
};
