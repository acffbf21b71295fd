/**
 * The messaging feature's part of the PenhaS manifest: its routes, queues and
 * schedules, assembled by ../service.ts.
 */
import type { FeatureManifest } from '../feature-manifest.ts';

export const feature: FeatureManifest = { routes: [] };
