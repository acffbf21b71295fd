/** The WhatsApp numbers feature's part of the PyTake manifest: numbers and their message templates. */
import type { FeatureManifest } from '../feature-manifest.ts';
import { createNumberRoute, deleteNumberRoute, getNumberRoute, listNumbersRoute, updateNumberRoute } from './numbers.route.ts';

export const feature: FeatureManifest = {
  routes: [createNumberRoute, listNumbersRoute, getNumberRoute, updateNumberRoute, deleteNumberRoute],
};
