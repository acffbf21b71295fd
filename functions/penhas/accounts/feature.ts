/**
 * The accounts feature's part of the PenhaS manifest: its routes, queues and
 * schedules, assembled by ../service.ts.
 */
import type { FeatureManifest } from '../feature-manifest.ts';
import { loginRoute } from './login.route.ts';
import { logoutRoute } from './logout.route.ts';
import { requestResetRoute, writeNewPasswordRoute } from './reset-password.route.ts';
import { signUpRoute } from './signup.route.ts';
import { meRoutes, meSchedules } from './me-routes.ts';

export const feature: FeatureManifest = {
  routes: [loginRoute, logoutRoute, signUpRoute, requestResetRoute, writeNewPasswordRoute, ...meRoutes],
  schedules: [...meSchedules],
};
