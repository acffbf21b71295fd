/** The organizations feature's part of the PyTake manifest, assembled by ../service.ts. */
import type { FeatureManifest } from '../feature-manifest.ts';
import { getMyOrganizationRoute, updateMyOrganizationRoute, updateMySettingsRoute } from './organization.route.ts';

export const feature: FeatureManifest = {
  routes: [getMyOrganizationRoute, updateMyOrganizationRoute, updateMySettingsRoute],
};
