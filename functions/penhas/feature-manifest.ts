/**
 * What each feature folder contributes to the PenhaS manifest (its `feature.ts`):
 * service.ts concatenates them, so a feature adds a route, queue or schedule
 * without touching the others.
 */
import type { HttpRoute, Queue, Schedule } from '#shared/manifest';
import type { PenhasResources } from './resources.ts';

export interface FeatureManifest {
  routes: HttpRoute<PenhasResources>[];
  queues?: Queue<PenhasResources>[];
  schedules?: Schedule<PenhasResources>[];
}
