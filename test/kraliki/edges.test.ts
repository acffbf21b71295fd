/**
 * The kraliki service's edge checks, generated from its manifest
 * (test/contract/edge-checks.ts): once as any client without credentials, and
 * once more, for the routes of the features listed below, with an ADMIN's
 * access token, so malformed bodies reach the parsers of those routes whatever
 * their role rule. A feature joins the signed-in run when every body its routes
 * take has a field no empty or all-null body satisfies.
 */
import { afterAll, beforeAll } from 'vitest';
import kraliki from '../../functions/kraliki/service.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import type { ServiceManifest } from '../../shared/manifest.ts';
import { edgeChecks } from '../contract/edge-checks.ts';
import { startTestRuntime } from '../support/runtime.ts';
import { kralikiHarness } from './app-client.ts';

// `health` gives the run's public-routes check a route to answer.
const SIGNED_IN_FEATURES = ['health', 'auth', 'users', 'settings', 'agents', 'teams', 'analytics', 'reports', 'notifications'];

let runtime: LocalRuntime;
/** Filled once an organization is registered; the checks read it when they send. */
const adminHeaders: Record<string, string> = {};

beforeAll(async () => {
  runtime = await startTestRuntime({ services: [kraliki] });
  const org = await kralikiHarness(runtime).registerOrg();
  adminHeaders.authorization = `Bearer ${org.admin.token}`;
});
afterAll(() => runtime?.stop());

const baseUrl = () => `${runtime.url}/kraliki`;

edgeChecks(kraliki, { baseUrl });

const signedInFeatures: ServiceManifest = {
  ...kraliki,
  name: 'kraliki signed in as an ADMIN',
  http: {
    ...kraliki.http,
    routes: kraliki.http.routes.filter((route) => SIGNED_IN_FEATURES.some((feature) => route.handler.startsWith(`functions/kraliki/${feature}/`))),
  },
};
edgeChecks(signedInFeatures, { baseUrl, credentials: { jwt: adminHeaders } });
