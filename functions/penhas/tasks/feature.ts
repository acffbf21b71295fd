/**
 * The tasks feature's part of the PenhaS manifest: the Manual de Fuga task
 * routes, assembled by ../service.ts.
 */
import type { FeatureManifest } from '../feature-manifest.ts';
import { batchTasksRoute, listTasksRoute, newTaskRoute, syncTaskRoute } from './tasks.route.ts';

export const feature: FeatureManifest = { routes: [listTasksRoute, syncTaskRoute, batchTasksRoute, newTaskRoute] };
