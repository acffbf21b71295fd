/** The WhatsApp numbers feature's part of the PyTake manifest: numbers and their message templates. */
import type { FeatureManifest } from '../feature-manifest.ts';
import { createNumberRoute, deleteNumberRoute, getNumberRoute, listNumbersRoute, updateNumberRoute } from './numbers.route.ts';
import { createTemplateRoute, listTemplatesRoute, syncTemplatesRoute } from './templates.route.ts';

export const feature: FeatureManifest = {
  routes: [
    createNumberRoute,
    listNumbersRoute,
    getNumberRoute,
    updateNumberRoute,
    deleteNumberRoute,
    listTemplatesRoute,
    createTemplateRoute,
    syncTemplatesRoute,
  ],
};
