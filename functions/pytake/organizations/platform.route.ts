/**
 * The platform's organizations (`/api/v1/organizations/...`), super admins
 * only, as the original's. The `org_id` may name any organization by design
 * (`owner: 'public'` in the matrix's terms): what guards these routes is the
 * role, and every other role gets 403 whatever the id.
 */
import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import type { ObjectId } from '#shared/manifest';
import { pytakeRoute } from '../contract.ts';
import { boolQuery, pagination, uuid } from '../params.ts';
import { organizationResponse } from './organization.route.ts';

const orgIdParams = z.object({ org_id: uuid() });
const orgId: ObjectId = { object: 'organization', from: 'path', field: 'org_id', owner: 'public' };

const common = {
  401: failure('Not authenticated'),
  403: failure('Not a super admin'),
  422: failure('Invalid input'),
};
const notFound = { 404: failure('Organization not found') };

export const listOrganizationsRoute = pytakeRoute({
  method: 'GET',
  path: '/api/v1/organizations',
  auth: 'jwt',
  handler: 'functions/pytake/organizations/list-organizations.ts',
  summary: 'Every organization, newest first, optionally by activation (super admins only)',
  request: { query: z.object({ ...pagination(100), is_active: boolQuery() }) },
  responses: { 200: ok('Organizations', z.array(organizationResponse)), ...common },
});

export const getOrganizationRoute = pytakeRoute({
  method: 'GET',
  path: '/api/v1/organizations/{org_id}',
  auth: 'jwt',
  handler: 'functions/pytake/organizations/get-organization.ts',
  summary: 'One organization (super admins only)',
  request: { params: orgIdParams },
  objectIds: [orgId],
  responses: { 200: ok('The organization', organizationResponse), ...common, ...notFound },
});

export const organizationStatsRoute = pytakeRoute({
  method: 'GET',
  path: '/api/v1/organizations/{org_id}/stats',
  auth: 'jwt',
  handler: 'functions/pytake/organizations/get-organization-stats.ts',
  summary: "An organization's users, contacts, conversations and WhatsApp numbers, with its plan (super admins only)",
  request: { params: orgIdParams },
  objectIds: [orgId],
  responses: {
    200: ok(
      'The counts',
      z.object({
        organization_id: z.string(),
        total_users: z.number(),
        total_contacts: z.number(),
        total_conversations: z.number(),
        total_whatsapp_numbers: z.number(),
        plan_type: z.string(),
        plan_limits: z.record(z.string(), z.number()),
        is_active: z.boolean(),
      }),
    ),
    ...common,
    ...notFound,
  },
});

export const activateOrganizationRoute = pytakeRoute({
  method: 'POST',
  path: '/api/v1/organizations/{org_id}/activate',
  auth: 'jwt',
  handler: 'functions/pytake/organizations/activate-organization.ts',
  summary: 'Activates an organization: its users may call again (super admins only)',
  request: { params: orgIdParams },
  objectIds: [orgId],
  responses: { 200: ok('Activated', organizationResponse), ...common, ...notFound },
});

export const deactivateOrganizationRoute = pytakeRoute({
  method: 'POST',
  path: '/api/v1/organizations/{org_id}/deactivate',
  auth: 'jwt',
  handler: 'functions/pytake/organizations/deactivate-organization.ts',
  summary: "Deactivates an organization: its users' next requests are refused (401); never the caller's own (super admins only)",
  request: { params: orgIdParams },
  objectIds: [orgId],
  responses: { 200: ok('Deactivated', organizationResponse), ...common, 403: failure('Not a super admin, or the caller’s own organization'), ...notFound },
});

export const platformRoutes = [listOrganizationsRoute, getOrganizationRoute, organizationStatsRoute, activateOrganizationRoute, deactivateOrganizationRoute];
