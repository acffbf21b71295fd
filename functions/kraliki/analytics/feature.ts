/**
 * The analytics feature's part of the Kraliki manifest, assembled by ../service.ts. Its counters
 * are written by the call-work queue's `call-changed` jobs (aggregates.ts, calls/call-jobs.ts).
 */
import type { FeatureManifest } from '../feature-manifest.ts';
import { agentPerformanceRoute, callAnalyticsRoute, campaignResultsRoute, dashboardRoute } from './analytics.route.ts';

export const feature: FeatureManifest = {
  routes: [dashboardRoute, callAnalyticsRoute, agentPerformanceRoute, campaignResultsRoute],
};
