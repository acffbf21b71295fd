/**
 * The caller's notifications (`/api/v1/notifications`, the original's names):
 * each user reads and marks only her own; preferences per user.
 */
import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import type { ObjectId } from '#shared/manifest';
import { pytakeRoute } from '../contract.ts';
import { intQuery, uuid } from '../params.ts';

export const notificationIdParams = z.object({ notification_id: uuid() });
/** Notifications are their user's own: another user's id, in the organization or not, is not found. */
export const notificationId: ObjectId = { object: 'notification', from: 'path', field: 'notification_id', owner: 'caller' };

export const notificationResponse = z.object({
  id: z.string(),
  organization_id: z.string(),
  user_id: z.string(),
  notification_type: z.string(),
  channel: z.string(),
  subject: z.nullable(z.string()),
  message: z.string(),
  recipient: z.string(),
  status: z.string(),
  error_message: z.nullable(z.string()),
  sent_at: z.nullable(z.string()),
  read_at: z.nullable(z.string()),
  created_at: z.string(),
  updated_at: z.string(),
  notification_metadata: z.record(z.string(), z.unknown()),
  retry_count: z.number(),
});

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const time = () => z.optional(z.nullable(z.string().check(z.regex(HH_MM, "String should match pattern '^([01]\\d|2[0-3]):[0-5]\\d$'"))));
const cap = (max: number) =>
  z.optional(
    z.nullable(
      z
        .int('Input should be a valid integer')
        .check(z.gte(1, 'Input should be greater than or equal to 1'), z.lte(max, `Input should be less than or equal to ${max}`)),
    ),
  );
const flag = () => z.optional(z.nullable(z.boolean()));

export const preferencesBody = z.object({
  email_enabled: flag(),
  sms_enabled: flag(),
  whatsapp_enabled: flag(),
  websocket_enabled: flag(),
  in_app_enabled: flag(),
  quiet_hours_start: time(),
  quiet_hours_end: time(),
  quiet_hours_enabled: flag(),
  max_emails_per_hour: cap(100),
  max_sms_per_hour: cap(50),
});

const preferencesResponse = z.object({
  id: z.string(),
  user_id: z.string(),
  organization_id: z.string(),
  email_enabled: z.boolean(),
  sms_enabled: z.boolean(),
  whatsapp_enabled: z.boolean(),
  websocket_enabled: z.boolean(),
  in_app_enabled: z.boolean(),
  quiet_hours_start: z.nullable(z.string()),
  quiet_hours_end: z.nullable(z.string()),
  quiet_hours_enabled: z.boolean(),
  max_emails_per_hour: z.number(),
  max_sms_per_hour: z.number(),
  created_at: z.string(),
  updated_at: z.string(),
});

const unauthenticated = { 401: failure('Not authenticated') };
const invalid = { 422: failure('Invalid input') };
const notFound = { 404: failure('Notification not found (also for another user’s)') };

export const getPreferencesRoute = pytakeRoute({
  method: 'GET',
  path: '/api/v1/notifications/preferences',
  auth: 'jwt',
  handler: 'functions/pytake/notifications/get-preferences.ts',
  summary: "The caller's notification preferences (the defaults until changed)",
  request: {},
  responses: { 200: ok('The preferences', preferencesResponse), ...unauthenticated },
});

export const updatePreferencesRoute = pytakeRoute({
  method: 'PUT',
  path: '/api/v1/notifications/preferences',
  auth: 'jwt',
  handler: 'functions/pytake/notifications/update-preferences.ts',
  summary: "Changes the caller's channels, quiet hours (HH:MM, in the organization's timezone) and per-hour caps",
  request: { body: preferencesBody },
  responses: { 200: ok('Updated', preferencesResponse), ...unauthenticated, ...invalid },
});

export const listNotificationsRoute = pytakeRoute({
  method: 'GET',
  path: '/api/v1/notifications',
  auth: 'jwt',
  handler: 'functions/pytake/notifications/list-notifications.ts',
  summary: "The caller's notifications, newest first, optionally by status (sent = unread, read) and channel",
  request: {
    query: z.object({
      skip: intQuery(0, { min: 0 }),
      limit: intQuery(50, { min: 1, max: 100 }),
      status: z.optional(z.string()),
      channel: z.optional(z.string()),
    }),
  },
  responses: { 200: ok('Notifications', z.array(notificationResponse)), ...unauthenticated, ...invalid },
});

export const unreadCountRoute = pytakeRoute({
  method: 'GET',
  path: '/api/v1/notifications/unread-count',
  auth: 'jwt',
  handler: 'functions/pytake/notifications/unread-count.ts',
  summary: "How many of the caller's notifications are unread",
  request: {},
  responses: { 200: ok('The count', z.object({ unread_count: z.number() })), ...unauthenticated },
});

export const readAllRoute = pytakeRoute({
  method: 'POST',
  path: '/api/v1/notifications/read-all',
  auth: 'jwt',
  handler: 'functions/pytake/notifications/read-all.ts',
  summary: 'Marks every unread notification of the caller read; answers how many',
  request: {},
  responses: { 200: ok('How many were marked', z.object({ marked_as_read: z.number() })), ...unauthenticated },
});

export const getNotificationRoute = pytakeRoute({
  method: 'GET',
  path: '/api/v1/notifications/{notification_id}',
  auth: 'jwt',
  handler: 'functions/pytake/notifications/get-notification.ts',
  summary: 'One of the caller’s notifications',
  request: { params: notificationIdParams },
  objectIds: [notificationId],
  responses: { 200: ok('The notification', notificationResponse), ...unauthenticated, ...notFound, ...invalid },
});

export const markReadRoute = pytakeRoute({
  method: 'POST',
  path: '/api/v1/notifications/{notification_id}/read',
  auth: 'jwt',
  handler: 'functions/pytake/notifications/mark-read.ts',
  summary: 'Marks one of the caller’s notifications read',
  request: { params: notificationIdParams },
  objectIds: [notificationId],
  responses: { 200: ok('The notification, read', notificationResponse), ...unauthenticated, ...notFound, ...invalid },
});

export const deleteNotificationRoute = pytakeRoute({
  method: 'DELETE',
  path: '/api/v1/notifications/{notification_id}',
  auth: 'jwt',
  handler: 'functions/pytake/notifications/delete-notification.ts',
  summary: 'Removes one of the caller’s notifications',
  request: { params: notificationIdParams },
  objectIds: [notificationId],
  responses: { 200: ok('Deleted', z.object({ deleted: z.boolean() })), ...unauthenticated, ...notFound, ...invalid },
});

export const notificationRoutes = [
  getPreferencesRoute,
  updatePreferencesRoute,
  listNotificationsRoute,
  unreadCountRoute,
  readAllRoute,
  getNotificationRoute,
  markReadRoute,
  deleteNotificationRoute,
];
