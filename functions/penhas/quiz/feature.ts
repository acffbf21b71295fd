/**
 * The quiz feature's part of the PenhaS manifest: its routes, queues and
 * schedules, assembled by ../service.ts.
 */
import type { FeatureManifest } from '../feature-manifest.ts';
import { anonConfigRoute, anonHistoryRoute, anonListRoute, anonNewRoute, anonProcessRoute } from './anon-questionnaires.route.ts';
import { postMeQuizRoute } from './post-me-quiz.route.ts';

export const feature: FeatureManifest = {
  routes: [postMeQuizRoute, anonListRoute, anonConfigRoute, anonNewRoute, anonHistoryRoute, anonProcessRoute],
};
