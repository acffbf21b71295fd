/** The auth feature's part of the Kraliki manifest, assembled by ../service.ts. */
import type { FeatureManifest } from '../feature-manifest.ts';
import { loginRoute, logoutRoute, meRoute, refreshRoute, registerRoute } from './auth.route.ts';

export const feature: FeatureManifest = {
  routes: [registerRoute, loginRoute, refreshRoute, logoutRoute, meRoute],
};
