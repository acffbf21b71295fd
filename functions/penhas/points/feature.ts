/**
 * The support points' part of the PenhaS manifest (pontos de apoio): searches,
 * details, auxiliary data, geocoding, ratings and suggestions, assembled by
 * ../service.ts.
 */
import type { FeatureManifest } from '../feature-manifest.ts';
import {
  auxiliaryDataRoute,
  geocodeRoute,
  myGeocodeRoute,
  myPointDetailRoute,
  pointDetailRoute,
  ratePointRoute,
  searchMyPointsRoute,
  searchPointsRoute,
  suggestPointCompleteRoute,
  suggestPointRoute,
  unlimitedSearchRoute,
} from './points.route.ts';

export const feature: FeatureManifest = {
  routes: [
    searchPointsRoute,
    searchMyPointsRoute,
    pointDetailRoute,
    myPointDetailRoute,
    auxiliaryDataRoute,
    unlimitedSearchRoute,
    geocodeRoute,
    myGeocodeRoute,
    ratePointRoute,
    suggestPointRoute,
    suggestPointCompleteRoute,
  ],
};
