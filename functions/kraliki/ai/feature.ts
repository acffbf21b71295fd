/**
 * The AI feature's part of the Kraliki manifest, assembled by ../service.ts: the queue whose
 * consumer analyses calls with the language model (analysis.ts), with its DLQ, and the
 * agent-assist route that reads the suggestions.
 */
import type { FeatureManifest } from '../feature-manifest.ts';
import { queues } from '../resources.ts';
import { agentAssistRoutes } from './ai.route.ts';

export const feature: FeatureManifest = {
  routes: agentAssistRoutes,
  queues: [
    {
      name: queues.callAi,
      consumer: { handler: 'functions/kraliki/ai/process-ai-job.ts', timeoutSeconds: 60, access: { secrets: ['openai'] } },
      // A model call takes seconds: a few calls per invocation, retried after 6 minutes by default.
      batchSize: 5,
      // Queued for a call of the organization the job names; the call is read from that organization's partition.
      objectIds: [{ object: 'call', from: 'message', field: 'call_id', owner: 'origin' }],
    },
  ],
};
