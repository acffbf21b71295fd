/**
 * What each feature folder contributes to the PyTake manifest (its `feature.ts`):
 * service.ts concatenates them, so a feature adds a route, queue, schedule,
 * webhook or WebSocket API without touching the others.
 */
import type { HttpRoute, Queue, Schedule, Webhook, WebSocketApi } from '#shared/manifest';
import type { PytakeResources } from './resources.ts';

export interface FeatureManifest {
  routes: HttpRoute<PytakeResources>[];
  queues?: Queue<PytakeResources>[];
  schedules?: Schedule<PytakeResources>[];
  webhooks?: Webhook<PytakeResources>[];
  websockets?: WebSocketApi<PytakeResources>[];
}
