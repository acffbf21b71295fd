/** The users feature's part of the Kraliki manifest, assembled by ../service.ts. */
import type { FeatureManifest } from '../feature-manifest.ts';
import { activateUserRoute, createUserRoute, deactivateUserRoute, getUserRoute, listUsersRoute, updateUserRoute } from './users.route.ts';

export const feature: FeatureManifest = {
  routes: [createUserRoute, listUsersRoute, getUserRoute, updateUserRoute, activateUserRoute, deactivateUserRoute],
};
