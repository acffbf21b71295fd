/**
 * The timeline feature's part of the PenhaS manifest: the timeline and her
 * tweets, likes, comments and reports, and the images posted with them.
 */
import type { FeatureManifest } from '../feature-manifest.ts';
import { mediaRoutes } from './media.route.ts';
import { timelineRoutes } from './timeline.route.ts';

export const feature: FeatureManifest = {
  routes: [...timelineRoutes, ...mediaRoutes],
};
