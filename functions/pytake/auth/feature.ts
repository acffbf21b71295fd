/** The auth feature's part of the PyTake manifest, assembled by ../service.ts. */
import type { FeatureManifest } from '../feature-manifest.ts';
import { loginRoute } from './login.route.ts';
import { logoutRoute } from './logout.route.ts';
import { meRoute, verifyTokenRoute } from './me.route.ts';
import { refreshRoute } from './refresh.route.ts';
import { registerRoute } from './register.route.ts';

export const feature: FeatureManifest = {
  routes: [registerRoute, loginRoute, refreshRoute, logoutRoute, meRoute, verifyTokenRoute],
};
