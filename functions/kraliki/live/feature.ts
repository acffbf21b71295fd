/**
 * Live events' part of the Kraliki manifest: the `live` WebSocket API and the
 * `live-events` queue. Every function that changes an organization's data may
 * announce it (publishLiveEvent), so `mayAnnounce` lets it enqueue live events.
 */
import type { FunctionSpec } from '#shared/manifest';
import type { FeatureManifest } from '../feature-manifest.ts';
import { type KralikiResources, queues } from '../resources.ts';
import { liveApi, liveEventsQueue } from './live.route.ts';

export const feature: FeatureManifest = {
  routes: [],
  websockets: [liveApi],
  queues: [liveEventsQueue],
};

/** The function may enqueue live events, unless it only reads (or is the live events consumer itself). */
export function mayAnnounce<S extends FunctionSpec<KralikiResources>>(spec: S): S {
  const table = spec.access?.table ?? 'readwrite';
  if (table !== 'readwrite' || spec.handler === liveEventsQueue.consumer.handler) return spec;
  return { ...spec, access: { ...spec.access, sendsTo: [...new Set([...(spec.access?.sendsTo ?? []), queues.liveEvents])] } };
}
