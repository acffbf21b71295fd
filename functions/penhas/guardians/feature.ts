/**
 * The guardians feature's part of the PenhaS manifest: her guardians, the
 * invite link's page, the panic alert, and the `sms` queue whose consumer
 * sends every SMS of the service (invites and alerts), each at most once.
 */
import type { FeatureManifest } from '../feature-manifest.ts';
import { queues } from '../resources.ts';
import { guardiansRoutes } from './guardians.route.ts';
import { answerInviteRoute, getInviteRoute } from './invite-link.route.ts';
import { SMS_MAX_RECEIVES } from './sms-retries.ts';

export const feature: FeatureManifest = {
  routes: [...guardiansRoutes, getInviteRoute, answerInviteRoute],
  queues: [
    {
      name: queues.sms,
      consumer: {
        handler: 'functions/penhas/guardians/send-sms.ts',
        timeoutSeconds: 20,
        access: { providers: ['sms'] },
      },
      // Alerts go out as soon as they are queued: no batching window; a batch is sent concurrently.
      batchSize: 10,
      // A failed SMS is retried after 5, 10, 20 and 40 s (the consumer sets each delay), then dead-lettered: the DLQ alarm fires.
      maxReceiveCount: SMS_MAX_RECEIVES,
    },
  ],
};
