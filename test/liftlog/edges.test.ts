/** LiftLog's edge checks, generated from its manifest (test/contract/edge-checks.ts). */
import { afterAll, beforeAll } from 'vitest';
import liftlog from '../../functions/liftlog/service.ts';
import { edgeChecks } from '../contract/edge-checks.ts';
import { startLiftlog, type LiftlogHarness } from './app-client.ts';

let h: LiftlogHarness;
beforeAll(async () => {
  h = await startLiftlog();
});
afterAll(() => h?.stop());

// The runtime's web API key is a valid pro token, so malformed bodies reach the coach's parsers.
edgeChecks(liftlog, { baseUrl: () => h.app.baseUrl, credentials: { 'pro-token': { authorization: 'Web local-web-api-key' } } });
