/**
 * The admin API's part of the PenhaS manifest: the staff's sign-in, the
 * support chat, the review of suggested points, badges, broadcasts (and their
 * queue), content editing and the audit log. Admin accounts are apart from app
 * users; only the seed creates the first one (first-admin.ts).
 */
import type { HttpRoute } from '#shared/manifest';
import type { FeatureManifest } from '../feature-manifest.ts';
import { type PenhasResources, queues, secrets } from '../resources.ts';
import { adminLoginRoute, adminLogoutRoute, listAuditRoute } from './admin.route.ts';
import { freeAudioAccessRoute } from './audios.route.ts';
import { assignBadgeRoute, createBadgeRoute, listBadgesRoute } from './badges.route.ts';
import { createBroadcastRoute, listBroadcastsRoute } from './broadcasts.route.ts';
import { putNewsFeedRoute, putQuestionnaireRoute, putWebPageRoute } from './content.route.ts';
import { approveSuggestionRoute, listSuggestionsRoute, putPointRoute, rejectSuggestionRoute } from './points.route.ts';
import { answerSupportChatRoute, listSupportChatsRoute, readSupportChatRoute } from './support.route.ts';

/** Admin routes verify (or, signing in, sign) admin tokens, whose key is the `admin` secret's. */
const withAdminKey = (route: HttpRoute<PenhasResources>): HttpRoute<PenhasResources> => ({
  ...route,
  access: { ...route.access, secrets: [...(route.access?.secrets ?? []), secrets.admin] },
});

export const feature: FeatureManifest = {
  routes: [
    adminLoginRoute,
    adminLogoutRoute,
    listAuditRoute,
    listSupportChatsRoute,
    readSupportChatRoute,
    answerSupportChatRoute,
    listSuggestionsRoute,
    approveSuggestionRoute,
    rejectSuggestionRoute,
    putPointRoute,
    createBadgeRoute,
    listBadgesRoute,
    assignBadgeRoute,
    createBroadcastRoute,
    listBroadcastsRoute,
    putWebPageRoute,
    putNewsFeedRoute,
    putQuestionnaireRoute,
    freeAudioAccessRoute,
  ].map(withAdminKey),
  queues: [
    {
      name: queues.broadcast,
      consumer: {
        handler: 'functions/penhas/admin/broadcast-fanout.ts',
        timeoutSeconds: 60,
        // Pages queue their batches and the next page; notify() queues pushes.
        access: { sendsTo: [queues.broadcast, queues.push] },
      },
      batchSize: 5,
      // The broadcast named was recorded by an admin's request; its accounts are found by the job itself.
      objectIds: [{ object: 'broadcast', from: 'message', field: 'broadcastId', owner: 'origin' }],
    },
  ],
};
