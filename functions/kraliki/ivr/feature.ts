/** The IVR feature's part of the Kraliki manifest, assembled by ../service.ts. */
import type { FeatureManifest } from '../feature-manifest.ts';
import {
  createFlowRoute,
  createMenuRoute,
  deleteMenuRoute,
  getConfigRoute,
  getMenuRoute,
  listFlowsRoute,
  listMenusRoute,
  updateConfigRoute,
  updateMenuRoute,
} from './ivr.route.ts';

export const feature: FeatureManifest = {
  routes: [listMenusRoute, createMenuRoute, getMenuRoute, updateMenuRoute, deleteMenuRoute, getConfigRoute, updateConfigRoute, listFlowsRoute, createFlowRoute],
};
