/** The settings feature's part of the Kraliki manifest, assembled by ../service.ts. */
import type { FeatureManifest } from '../feature-manifest.ts';
import { putSettingsRoute } from './put-settings.route.ts';
import { getSettingsRoute } from './settings.route.ts';

export const feature: FeatureManifest = {
  routes: [getSettingsRoute, putSettingsRoute],
};
