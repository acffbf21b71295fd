/**
 * Her in-app notifications, as the app reads them (the original's
 * `/me/unread-notif-count` and `/me/notifications`), and her devices for push,
 * an addition of this version: the app registers the FCM or APNs token it got
 * so notifications also reach the phone through SNS mobile push.
 */
import * as z from 'zod/mini';
import { failure, noContent, ok } from '#shared/http/contract';
import type { ObjectId } from '#shared/manifest';
import { activeAccountFailures } from '../accounts/me-responses.ts';
import { penhasRoute } from '../contract.ts';
import { integer, oneOf, optionalText, text } from '../params.ts';
import { secrets } from '../resources.ts';
import { PLATFORMS } from './platforms.ts';

export const unreadCountRoute = penhasRoute({
  method: 'GET',
  path: '/me/unread-notif-count',
  auth: 'api-key',
  handler: 'functions/penhas/notifications/unread-count.ts',
  summary: 'How many notifications arrived since she last opened the first page of her notifications',
  request: {},
  responses: { 200: ok('The unread count', z.object({ count: z.number() })), ...activeAccountFailures },
});

const notificationRow = z.object({
  content: z.string(),
  title: z.string(),
  /** ISO 8601 to the second, UTC (`2024-05-01T12:00:00Z`). */
  time: z.string(),
  /** `<icon base>/<n>.svg`: 1 chat, 3 like, 5 comment, 0 other. */
  icon: z.string(),
  /** Who it is about: her nickname, `Anônimo`, `PenhaS`, `Suporte PenhaS`, `Admin PenhaS`, `Usuário removido`. */
  name: z.string(),
  /** The app screen it opens: `/mainboard/chat/<chat_auth>`, `/mainboard/tweet/<id>[?comment_id=<id>]`. */
  expand_screen: z.optional(z.string()),
});

export const listNotificationsRoute = penhasRoute({
  method: 'GET',
  path: '/me/notifications',
  auth: 'api-key',
  handler: 'functions/penhas/notifications/list-notifications.ts',
  summary:
    'Her notifications, newest first (`rows` per page, default 100; under 10 or over 1000 means 10); reading the first page (no `next_page`) marks them all read',
  request: { query: z.object({ next_page: optionalText({ max: 9999 }), rows: z.optional(integer()) }) },
  responses: {
    200: ok(
      'A page; `next_page` continues it when `has_more` is 1',
      z.object({ rows: z.array(notificationRow), has_more: z.union([z.literal(0), z.literal(1)]), next_page: z.nullable(z.string()) }),
    ),
    ...activeAccountFailures,
  },
  access: { paginates: true },
});

const deviceView = z.object({ id: z.string(), platform: z.enum(PLATFORMS), created_at: z.string() });

export const registerDeviceRoute = penhasRoute({
  method: 'POST',
  path: '/me/devices',
  auth: 'api-key',
  handler: 'functions/penhas/notifications/register-device.ts',
  summary:
    'Addition (not in the original API): registers this phone for push notifications with the token FCM (`android`) or APNs (`ios`) gave the app. Registering the same token again answers the same device; a token registered by another account moves to this one. At most 10 devices',
  request: {
    body: z.object({ token: text({ max: 4096 }), platform: oneOf(PLATFORMS) }),
    encodings: ['urlencoded', 'json'],
    mergeQuery: true,
  },
  responses: {
    200: ok('The device, by the id `DELETE /me/devices/{id}` takes', z.object({ device: deviceView })),
    ...activeAccountFailures,
    400: failure('form_error (token, platform), too_many_devices; or expired_jwt'),
  },
  access: { secrets: [secrets.push], providers: ['push-endpoints'] },
});

const deviceId: ObjectId[] = [{ object: 'device', from: 'path', field: 'device', owner: 'caller' }];

export const removeDeviceRoute = penhasRoute({
  method: 'DELETE',
  path: '/me/devices/{device}',
  auth: 'api-key',
  handler: 'functions/penhas/notifications/remove-device.ts',
  summary: 'Addition (not in the original API): stops push to one of her devices, named by its id or its token (URL-encoded)',
  request: { params: z.object({ device: z.string().check(z.minLength(1), z.maxLength(4096)) }) },
  responses: {
    204: noContent('Removed: no more pushes to it'),
    ...activeAccountFailures,
    404: failure('Not one of her devices (item_not_found), or the account is not active'),
  },
  access: { providers: ['push-endpoints'] },
  objectIds: deviceId,
});

export const notificationRoutes = [unreadCountRoute, listNotificationsRoute, registerDeviceRoute, removeDeviceRoute];
