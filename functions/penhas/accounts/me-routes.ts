/**
 * The `/me…` part of the accounts feature (profile, switches, counters,
 * preferences, deletion and reactivation, profile actions, filter catalogs)
 * and the schedule that carries out deletions, for ./feature.ts.
 */
import type { FeatureManifest } from '../feature-manifest.ts';
import { deleteMeRoute } from './me-delete.route.ts';
import { getDeleteTextRoute } from './me-delete-text.route.ts';
import { callPolicePressedRoute, incLoginOfflineRoute } from './me-counters.route.ts';
import { getMeRoute } from './me-get.route.ts';
import { putMeRoute } from './me-put.route.ts';
import { jaFoiVitimaToggleRoute, modoAnonimoToggleRoute, modoCamufladoToggleRoute } from './me-toggles.route.ts';
import { getPreferencesRoute, postPreferencesRoute } from './preferences.route.ts';
import { blockProfileRoute, reportProfileRoute } from './profile-actions.route.ts';
import { reactivateRoute } from './reactivate.route.ts';
import { filterSkillsRoute } from './skills-filter.route.ts';
import { filterTagsRoute } from './tags-filter.route.ts';

export const meRoutes: FeatureManifest['routes'] = [
  getMeRoute,
  putMeRoute,
  deleteMeRoute,
  getDeleteTextRoute,
  reactivateRoute,
  modoAnonimoToggleRoute,
  modoCamufladoToggleRoute,
  jaFoiVitimaToggleRoute,
  callPolicePressedRoute,
  incLoginOfflineRoute,
  getPreferencesRoute,
  postPreferencesRoute,
  filterTagsRoute,
  filterSkillsRoute,
  reportProfileRoute,
  blockProfileRoute,
];

export const meSchedules: NonNullable<FeatureManifest['schedules']> = [
  {
    name: 'account-deletions',
    expression: 'rate(1 minute)',
    description: 'Deletes the accounts whose scheduled deletion is due (30 days after DELETE /me), leaving a log of hashes',
    handler: 'functions/penhas/accounts/deletion-sweep.ts',
    timeoutSeconds: 300,
    // Deletes her devices' SNS endpoints (deletion.ts).
    access: { providers: ['push-endpoints'] },
  },
];
