/**
 * The Meta webhook's part of the PyTake manifest: the Function URL that
 * verifies and acknowledges (meta.ts), and the queue whose consumer stores
 * what it carries (../inbox/process-meta-change.ts).
 */
import type { FeatureManifest } from '../feature-manifest.ts';
import { queues } from '../resources.ts';

export const feature: FeatureManifest = {
  routes: [],
  webhooks: [
    {
      name: 'meta',
      auth: 'signature',
      handler: 'functions/pytake/webhooks/meta.ts',
      summary: "Meta's WhatsApp webhook: GET subscription handshake, POST events signed with the number's app secret (X-Hub-Signature-256)",
      methods: ['GET', 'POST'],
      // Opens the number's app secret to check each signature.
      access: { table: 'read', sendsTo: [queues.metaWebhook], dataKeys: true },
    },
  ],
  queues: [
    {
      name: queues.metaWebhook,
      // Notifies admins of new contacts.
      consumer: { handler: 'functions/pytake/inbox/process-meta-change.ts', timeoutSeconds: 30, access: { sendsTo: [queues.notifications] } },
      // Inbound messages are shown as soon as they are stored: no batching window.
      batchSize: 10,
    },
  ],
};
