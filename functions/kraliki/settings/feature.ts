/** The settings feature's part of the Kraliki manifest, assembled by ../service.ts. */
import type { FeatureManifest } from '../feature-manifest.ts';
import { getSettingsRoute, putSettingsRoute } from './settings.route.ts';

export const feature: FeatureManifest = {
  routes: [getSettingsRoute, putSettingsRoute],
};
