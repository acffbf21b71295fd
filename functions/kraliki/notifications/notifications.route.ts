/**
 * /api/notifications: the caller's own notifications (any member). Another
 * user's notification id, in her organization or another, is not found.
 */
import * as z from 'zod/mini';
import { ok } from '#shared/http/contract';
import type { ObjectId } from '#shared/manifest';
import { kralikiRoute, notFoundInOrg, signedIn } from '../contract.ts';
import { id, paging } from '../params.ts';
import { NOTIFICATION_TYPES } from './notifications.ts';

const notificationSchema = z.object({
  id: z.string(),
  type: z.enum(NOTIFICATION_TYPES),
  title: z.string(),
  message: z.string(),
  data: z.record(z.string(), z.string()),
  read: z.boolean(),
  read_at: z.nullable(z.string()),
  created_at: z.string(),
});
const read = { table: 'read' as const, secrets: ['auth' as const] };
const write = { secrets: ['auth' as const] };

export const listNotificationsRoute = kralikiRoute({
  method: 'GET',
  path: '/api/notifications',
  auth: 'jwt',
  handler: 'functions/kraliki/notifications/list-notifications.ts',
  access: read,
  summary: 'The caller’s notifications of the last 30 days, newest first (`unread_only` for unread ones), with her unread count',
  request: {
    query: z.object({
      unread_only: z._default(z.stringbool(), false),
      ...paging,
    }),
  },
  responses: {
    200: ok('A page of notifications', z.object({ items: z.array(notificationSchema), unread_count: z.number() })),
    ...signedIn(),
  },
});

export const unreadCountRoute = kralikiRoute({
  method: 'GET',
  path: '/api/notifications/unread-count',
  auth: 'jwt',
  handler: 'functions/kraliki/notifications/unread-count.ts',
  request: {},
  access: read,
  summary: 'How many of the caller’s notifications are unread',
  responses: { 200: ok('The unread count', z.object({ unread_count: z.number() })), ...signedIn() },
});

export const markReadRoute = kralikiRoute({
  method: 'POST',
  path: '/api/notifications/{notification_id}/read',
  auth: 'jwt',
  handler: 'functions/kraliki/notifications/mark-read.ts',
  access: write,
  summary: 'Marks one of the caller’s notifications read (a read one stays as it is)',
  request: { params: z.object({ notification_id: id }) },
  responses: { 200: ok('The notification, read', notificationSchema), ...signedIn(), 404: notFoundInOrg('notification of the caller') },
  objectIds: [{ object: 'notification', from: 'path', field: 'notification_id', owner: 'caller' }] satisfies ObjectId[],
});

export const markAllReadRoute = kralikiRoute({
  method: 'POST',
  path: '/api/notifications/read-all',
  auth: 'jwt',
  handler: 'functions/kraliki/notifications/mark-all-read.ts',
  request: {},
  access: write,
  summary: 'Marks every unread notification of the caller read',
  responses: { 200: ok('How many were marked read', z.object({ updated: z.number() })), ...signedIn() },
});
