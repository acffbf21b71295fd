/**
 * The penhas service's edge checks, generated from its manifest
 * (test/contract/edge-checks.ts): once as any client without credentials, and
 * once more, for the routes of the features listed below, with a woman's
 * session in `X-Api-Key` (and an admin's token for the admin routes), so
 * malformed bodies reach those routes' parsers.
 * A feature joins the signed-in run when every body its routes take has a
 * field no empty body satisfies.
 */
import { afterAll, beforeAll } from 'vitest';
import penhas from '../../functions/penhas/service.ts';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import type { ServiceManifest } from '../../shared/manifest.ts';
import { edgeChecks } from '../contract/edge-checks.ts';
import { startTestRuntime } from '../support/runtime.ts';
import { AdminClient } from './admin/admin-client.ts';
import { penhasHarness } from './app-client.ts';

// `health` gives the run's public-routes check a route to answer.
const SIGNED_IN_FEATURES = ['health', 'points', 'timeline', 'news', 'tasks', 'quiz', 'chats', 'notifications', 'audios', 'badges', 'admin'];

let runtime: LocalRuntime;
/** Filled once an account is seeded; the checks read it when they send. */
const sessionHeaders: Record<string, string> = {};
/** The admin routes' credential: a token of the seeded first admin. */
const adminHeaders: Record<string, string> = {};

beforeAll(async () => {
  runtime = await startTestRuntime({ services: [penhas] });
  const h = penhasHarness(runtime);
  sessionHeaders['x-api-key'] = (await h.seedAccount()).session;
  adminHeaders.authorization = `Bearer ${await new AdminClient(h).token()}`;
  h.table.close();
});
afterAll(() => runtime?.stop());

const baseUrl = () => `${runtime.url}/penhas`;

edgeChecks(penhas, { baseUrl });

const signedInFeatures: ServiceManifest = {
  ...penhas,
  name: 'penhas signed in',
  http: {
    ...penhas.http,
    routes: penhas.http.routes.filter((route) => SIGNED_IN_FEATURES.some((feature) => route.handler.startsWith(`functions/penhas/${feature}/`))),
  },
};
edgeChecks(signedInFeatures, { baseUrl, credentials: { 'api-key': sessionHeaders, jwt: adminHeaders } });
