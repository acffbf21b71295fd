/** The supervisor feature's part of the Kraliki manifest, assembled by ../service.ts. */
import type { FeatureManifest } from '../feature-manifest.ts';
import { activeCallsRoute, bargeInRoute, callSummaryRoute, endRoute, monitorRoute, whisperRoute } from './supervisor.route.ts';

export const feature: FeatureManifest = {
  routes: [activeCallsRoute, callSummaryRoute, monitorRoute, whisperRoute, bargeInRoute, endRoute],
};
