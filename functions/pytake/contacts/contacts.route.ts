/** Contact routes: everyone in the organization reads contacts; agents and admins change them (viewers read only). */
import * as z from 'zod/mini';
import { failure, noContent, ok } from '#shared/http/contract';
import type { ObjectId } from '#shared/manifest';
import { pytakeRoute } from '../contract.ts';
import { boolQuery, pagination, uuid } from '../params.ts';
import { queues } from '../resources.ts';
import { contactResponse, createContactBody, updateContactBody } from './contact-schema.ts';

export const contactIdParams = z.object({ contact_id: uuid() });
export const contactId: ObjectId = { object: 'contact', from: 'path', field: 'contact_id', owner: 'tenant' };

const notAuthenticated = failure('Not authenticated');
const notStaff = failure('A viewer (read only)');
const notFound = failure('Contact not found (also for another organization’s)');
const badInput = failure('Invalid input');

export const contactStatsOverviewRoute = pytakeRoute({
  method: 'GET',
  path: '/api/v1/contacts/stats',
  auth: 'jwt',
  handler: 'functions/pytake/contacts/organization-stats.ts',
  summary: "The organization's contact counts",
  request: {},
  responses: {
    200: ok(
      'Counts',
      z.object({
        total_contacts: z.number(),
        active_contacts: z.number(),
        blocked_contacts: z.number(),
        vip_contacts: z.number(),
        opted_out_contacts: z.number(),
        new_this_week: z.number(),
        new_this_month: z.number(),
      }),
    ),
    401: notAuthenticated,
  },
});

export const listContactsRoute = pytakeRoute({
  method: 'GET',
  path: '/api/v1/contacts',
  auth: 'jwt',
  handler: 'functions/pytake/contacts/list-contacts.ts',
  summary: 'The organization’s contacts, newest first: search (name, e-mail, WhatsApp id, company), filters, skip/limit paging',
  request: {
    query: z.object({
      ...pagination(100),
      query: z.optional(z.string().check(z.maxLength(255, 'String should have at most 255 characters'))),
      assigned_agent_id: z.optional(uuid()),
      is_blocked: boolQuery(),
      is_vip: boolQuery(),
      opt_in: boolQuery(),
      tag_id: z.optional(uuid()),
    }),
  },
  responses: { 200: ok('Contacts', z.array(contactResponse)), 401: notAuthenticated, 422: badInput },
});

export const createContactRoute = pytakeRoute({
  method: 'POST',
  path: '/api/v1/contacts',
  auth: 'jwt',
  handler: 'functions/pytake/contacts/create-contact.ts',
  // Notifies the organization's admins.
  access: { sendsTo: [queues.notifications] },
  summary: 'Adds a contact (its WhatsApp id, digits only, unique in the organization)',
  request: { body: createContactBody },
  responses: {
    201: ok('Created', contactResponse),
    401: notAuthenticated,
    403: notStaff,
    409: failure('Contact with WhatsApp ID … already exists'),
    422: badInput,
  },
});

export const getContactRoute = pytakeRoute({
  method: 'GET',
  path: '/api/v1/contacts/{contact_id}',
  auth: 'jwt',
  handler: 'functions/pytake/contacts/get-contact.ts',
  summary: 'A contact',
  request: { params: contactIdParams },
  objectIds: [contactId],
  responses: { 200: ok('The contact', contactResponse), 401: notAuthenticated, 404: notFound, 422: badInput },
});

export const contactStatsRoute = pytakeRoute({
  method: 'GET',
  path: '/api/v1/contacts/{contact_id}/stats',
  auth: 'jwt',
  handler: 'functions/pytake/contacts/contact-stats.ts',
  summary: "A contact's conversations and messages",
  request: { params: contactIdParams },
  objectIds: [contactId],
  responses: {
    200: ok(
      'Activity',
      z.object({
        total_conversations: z.number(),
        total_messages_sent: z.number(),
        total_messages_received: z.number(),
        avg_response_time_seconds: z.nullable(z.number()),
        last_interaction: z.nullable(z.string()),
      }),
    ),
    401: notAuthenticated,
    404: notFound,
    422: badInput,
  },
});

export const updateContactRoute = pytakeRoute({
  method: 'PUT',
  path: '/api/v1/contacts/{contact_id}',
  auth: 'jwt',
  handler: 'functions/pytake/contacts/update-contact.ts',
  summary: 'Changes a contact: details, custom fields (`attributes`), lifecycle, opt-in/opt-out, block, VIP, assignment',
  request: { params: contactIdParams, body: updateContactBody },
  objectIds: [contactId],
  responses: { 200: ok('Updated', contactResponse), 401: notAuthenticated, 403: notStaff, 404: notFound, 422: badInput },
});

export const deleteContactRoute = pytakeRoute({
  method: 'DELETE',
  path: '/api/v1/contacts/{contact_id}',
  auth: 'jwt',
  handler: 'functions/pytake/contacts/delete-contact.ts',
  summary: 'Deletes a contact (the customer’s next message makes a new one)',
  request: { params: contactIdParams },
  objectIds: [contactId],
  responses: { 204: noContent('Deleted'), 401: notAuthenticated, 403: notStaff, 404: notFound, 422: badInput },
});

export const blockContactRoute = pytakeRoute({
  method: 'POST',
  path: '/api/v1/contacts/{contact_id}/block',
  auth: 'jwt',
  handler: 'functions/pytake/contacts/block-contact.ts',
  summary: 'Blocks a contact, with an optional `reason`',
  request: {
    params: contactIdParams,
    query: z.object({ reason: z.optional(z.string().check(z.maxLength(1000, 'String should have at most 1000 characters'))) }),
  },
  objectIds: [contactId],
  responses: { 200: ok('Blocked', contactResponse), 401: notAuthenticated, 403: notStaff, 404: notFound, 422: badInput },
});

export const unblockContactRoute = pytakeRoute({
  method: 'POST',
  path: '/api/v1/contacts/{contact_id}/unblock',
  auth: 'jwt',
  handler: 'functions/pytake/contacts/unblock-contact.ts',
  summary: 'Unblocks a contact',
  request: { params: contactIdParams },
  objectIds: [contactId],
  responses: { 200: ok('Unblocked', contactResponse), 401: notAuthenticated, 403: notStaff, 404: notFound, 422: badInput },
});

export const markVipRoute = pytakeRoute({
  method: 'POST',
  path: '/api/v1/contacts/{contact_id}/vip',
  auth: 'jwt',
  handler: 'functions/pytake/contacts/mark-vip.ts',
  summary: 'Marks a contact as VIP',
  request: { params: contactIdParams },
  objectIds: [contactId],
  responses: { 200: ok('VIP', contactResponse), 401: notAuthenticated, 403: notStaff, 404: notFound, 422: badInput },
});

export const unmarkVipRoute = pytakeRoute({
  method: 'DELETE',
  path: '/api/v1/contacts/{contact_id}/vip',
  auth: 'jwt',
  handler: 'functions/pytake/contacts/unmark-vip.ts',
  summary: 'Removes a contact’s VIP mark',
  request: { params: contactIdParams },
  objectIds: [contactId],
  responses: { 200: ok('Not VIP', contactResponse), 401: notAuthenticated, 403: notStaff, 404: notFound, 422: badInput },
});
