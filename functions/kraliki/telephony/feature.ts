/** The telephony feature's part of the Kraliki manifest, assembled by ../service.ts. */
import type { FeatureManifest } from '../feature-manifest.ts';
import { holdRoute, muteRoute, transferRoute, unholdRoute, unmuteRoute } from './telephony.route.ts';

export const feature: FeatureManifest = {
  routes: [transferRoute, holdRoute, unholdRoute, muteRoute, unmuteRoute],
};
