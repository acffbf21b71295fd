/**
 * What each feature folder contributes to the Kraliki manifest (its `feature.ts`):
 * service.ts concatenates them, so a feature adds a route, queue, schedule,
 * webhook or WebSocket API without touching the others.
 */
import type { HttpRoute, Queue, Schedule, Webhook, WebSocketApi } from '#shared/manifest';
import type { KralikiResources } from './resources.ts';

export interface FeatureManifest {
  routes: HttpRoute<KralikiResources>[];
  queues?: Queue<KralikiResources>[];
  schedules?: Schedule<KralikiResources>[];
  webhooks?: Webhook<KralikiResources>[];
  websockets?: WebSocketApi<KralikiResources>[];
}
