/**
 * The notifications feature's part of the Kraliki manifest, assembled by ../service.ts. Notifications
 * are written where their events happen (events.ts): call assignments, the call-work queue's
 * `call-changed` jobs, report exports.
 */
import type { FeatureManifest } from '../feature-manifest.ts';
import { listNotificationsRoute, markAllReadRoute, markReadRoute, unreadCountRoute } from './notifications.route.ts';

export const feature: FeatureManifest = {
  routes: [listNotificationsRoute, unreadCountRoute, markAllReadRoute, markReadRoute],
};
