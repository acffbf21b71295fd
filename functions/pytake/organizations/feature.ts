/** The organizations feature's part of the PyTake manifest, assembled by ../service.ts: the caller's own organization, and the platform's for super admins. */
import type { FeatureManifest } from '../feature-manifest.ts';
import { getMyOrganizationRoute, updateMyOrganizationRoute, updateMySettingsRoute } from './organization.route.ts';
import { platformRoutes } from './platform.route.ts';

export const feature: FeatureManifest = {
  routes: [getMyOrganizationRoute, updateMyOrganizationRoute, updateMySettingsRoute, ...platformRoutes],
};
