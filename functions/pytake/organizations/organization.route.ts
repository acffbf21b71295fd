/** The caller's own organization: anyone in it reads it, admins change it. */
import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import { pytakeRoute } from '../contract.ts';
import { optionalText } from '../params.ts';

export const organizationResponse = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  description: z.nullable(z.string()),
  website: z.nullable(z.string()),
  logo_url: z.nullable(z.string()),
  is_active: z.boolean(),
  plan_type: z.string(),
  plan_limits: z.record(z.string(), z.number()),
  plan_usage: z.record(z.string(), z.number()),
  trial_ends_at: z.nullable(z.string()),
  subscription_starts_at: z.nullable(z.string()),
  subscription_ends_at: z.nullable(z.string()),
  settings: z.record(z.string(), z.unknown()),
  created_at: z.string(),
  updated_at: z.string(),
});

const jsonObject = z.optional(z.nullable(z.record(z.string(), z.unknown())));

export const getMyOrganizationRoute = pytakeRoute({
  method: 'GET',
  path: '/api/v1/organizations/me',
  auth: 'jwt',
  handler: 'functions/pytake/organizations/get-my-organization.ts',
  summary: "The caller's organization",
  request: {},
  responses: { 200: ok('The organization', organizationResponse), 401: failure('Not authenticated') },
});

export const updateMyOrganizationRoute = pytakeRoute({
  method: 'PUT',
  path: '/api/v1/organizations/me',
  auth: 'jwt',
  handler: 'functions/pytake/organizations/update-my-organization.ts',
  summary: "Changes the organization's name, description, website or logo (admins only)",
  request: {
    body: z.object({
      name: z.optional(
        z.string().check(z.trim(), z.minLength(1, 'String should have at least 1 character'), z.maxLength(255, 'String should have at most 255 characters')),
      ),
      description: optionalText({ max: 5000 }),
      website: optionalText({ max: 2048 }),
      logo_url: optionalText({ max: 2048 }),
    }),
  },
  responses: {
    200: ok('Updated', organizationResponse),
    401: failure('Not authenticated'),
    403: failure('Not an admin'),
    422: failure('Invalid input'),
  },
});

export const updateMySettingsRoute = pytakeRoute({
  method: 'PUT',
  path: '/api/v1/organizations/me/settings',
  auth: 'jwt',
  handler: 'functions/pytake/organizations/update-my-settings.ts',
  summary: "Merges settings (business hours, timezone, language, currency, notification and security settings) into the organization's (admins only)",
  request: {
    body: z.object({
      business_hours: jsonObject,
      timezone: optionalText({ max: 64 }),
      language: optionalText({ max: 16 }),
      currency: optionalText({ max: 8 }),
      notification_settings: jsonObject,
      security_settings: jsonObject,
    }),
  },
  responses: {
    200: ok('Updated', organizationResponse),
    401: failure('Not authenticated'),
    403: failure('Not an admin'),
    422: failure('Invalid input'),
  },
});
