/**
 * The messaging feature's part of the PenhaS manifest: the `email` queue,
 * whose consumer sends every e-mail of the service (password reset codes,
 * account notices), each at most once.
 */
import type { FeatureManifest } from '../feature-manifest.ts';
import { queues } from '../resources.ts';

/** Receives before a failing e-mail goes to the dead-letter queue (and its alarm). */
export const EMAIL_MAX_RECEIVES = 5;

export const feature: FeatureManifest = {
  routes: [],
  queues: [
    {
      name: queues.email,
      consumer: {
        handler: 'functions/penhas/messaging/send-email.ts',
        timeoutSeconds: 20,
        // The sender: an SES identity verified in the stack's region (README, PenhaS section).
        environment: { EMAIL_FROM: 'PenhaS <naoresponda@penhas.app.br>' },
        access: { providers: ['email'] },
      },
      batchSize: 10,
      // A failed e-mail is retried after 10, 20, 40 and 80 s (the consumer sets each delay), then dead-lettered.
      maxReceiveCount: EMAIL_MAX_RECEIVES,
    },
  ],
};
