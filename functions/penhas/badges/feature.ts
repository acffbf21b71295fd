/**
 * The badges feature's part of the PenhaS manifest: the Círculo PenhaS
 * invitation page. Admins create badges and give them through the admin API.
 */
import type { FeatureManifest } from '../feature-manifest.ts';
import { acceptBadgeInviteRoute, showBadgeInviteRoute } from './badge-accept.route.ts';

export const feature: FeatureManifest = {
  routes: [showBadgeInviteRoute, acceptBadgeInviteRoute],
};
