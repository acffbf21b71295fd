/** A number's message templates: `/api/v1/whatsapp/{number_id}/templates…` (admins create and sync; every member reads). */
import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import { pytakeRoute } from '../contract.ts';
import { boolQuery, pagination } from '../params.ts';
import { numberId, numberIdParams } from './numbers.route.ts';
import { createTemplateBody, templateResponse, templateSyncResponse } from './template-schema.ts';

const common = {
  401: failure('Not authenticated'),
  404: failure('WhatsApp number not found (also for a number of another organization)'),
  422: failure('Invalid input'),
};
const metaError = { 409: failure('Meta API error: the Graph API refused the request (its message in `detail`)') };

export const listTemplatesRoute = pytakeRoute({
  method: 'GET',
  path: '/api/v1/whatsapp/{number_id}/templates/local',
  auth: 'jwt',
  handler: 'functions/pytake/whatsapp/list-templates.ts',
  summary: "The number's stored templates, oldest first (filter by status: DRAFT, PENDING, APPROVED, REJECTED)",
  request: { params: numberIdParams, query: z.object({ status: z.optional(z.string().check(z.maxLength(32))), ...pagination(100, 100) }) },
  objectIds: [numberId],
  responses: { 200: ok('The templates', z.array(templateResponse)), ...common },
});

export const createTemplateRoute = pytakeRoute({
  method: 'POST',
  path: '/api/v1/whatsapp/{number_id}/templates',
  auth: 'jwt',
  handler: 'functions/pytake/whatsapp/create-template.ts',
  // Seals or opens the number's credentials (secrets-at-rest.ts).
  access: { dataKeys: true },
  summary: 'Creates a template for the number (admins only); with submit=true (the default) it is submitted to Meta for review',
  request: { params: numberIdParams, query: z.object({ submit: boolQuery() }), body: createTemplateBody },
  objectIds: [numberId],
  responses: {
    201: ok('Created', templateResponse),
    403: failure('Not an admin'),
    ...common,
    409: failure('A template of that name and language exists, or Meta refused it (Meta API error: …)'),
  },
});

export const syncTemplatesRoute = pytakeRoute({
  method: 'POST',
  path: '/api/v1/whatsapp/{number_id}/templates/sync',
  auth: 'jwt',
  handler: 'functions/pytake/whatsapp/sync-templates.ts',
  // Seals or opens the number's credentials (secrets-at-rest.ts).
  access: { dataKeys: true },
  summary: "Makes the number's stored templates those of its WhatsApp Business Account on Meta (admins only)",
  request: { params: numberIdParams },
  objectIds: [numberId],
  responses: { 200: ok('Synced', templateSyncResponse), 403: failure('Not an admin'), ...metaError, ...common },
});
