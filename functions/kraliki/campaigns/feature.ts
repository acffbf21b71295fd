/** The campaigns feature's part of the Kraliki manifest, assembled by ../service.ts. */
import type { FeatureManifest } from '../feature-manifest.ts';
import { campaignRoutes } from './campaigns.route.ts';

export const feature: FeatureManifest = { routes: campaignRoutes };
