/** /api/campaigns: everyone of the organization reads its campaigns, SUPERVISORs and ADMINs change them. */
import * as z from 'zod/mini';
import { failure, noContent, ok } from '#shared/http/contract';
import type { ObjectId } from '#shared/manifest';
import { kralikiRoute, notFoundInOrg, signedIn } from '../contract.ts';
import { id, paging } from '../params.ts';
import { queues } from '../resources.ts';
import { CAMPAIGN_TYPES } from './campaigns.ts';

const json = z
  .record(z.string(), z.unknown())
  .check(z.refine((value) => JSON.stringify(value).length <= 20_000, { message: 'at most 20000 characters of JSON' }));
const optionalJson = z.optional(z.nullable(json));

const campaignFields = {
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(255)),
  description: z.optional(z.nullable(z.string().check(z.maxLength(1000)))),
  type: z.enum(CAMPAIGN_TYPES),
  language: z.optional(z.string().check(z.trim(), z.minLength(2), z.maxLength(10))),
  version: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(20))),
  active: z.optional(z.boolean()),
  /** The campaign's script and instructions. */
  instructions: json,
  tools: optionalJson,
  voice: optionalJson,
  analytics: optionalJson,
  metadata_payload: optionalJson,
  /** `metadata_payload` under the reference's other name. */
  metadata: optionalJson,
};

const nullableJson = z.nullable(z.record(z.string(), z.unknown()));
export const campaignSchema = z.object({
  id: z.string(),
  organization_id: z.string(),
  name: z.string(),
  description: z.nullable(z.string()),
  type: z.enum(CAMPAIGN_TYPES),
  language: z.string(),
  version: z.string(),
  active: z.boolean(),
  instructions: z.record(z.string(), z.unknown()),
  tools: nullableJson,
  voice: nullableJson,
  analytics: nullableJson,
  metadata_payload: nullableJson,
  created_at: z.string(),
  updated_at: z.string(),
});

const campaign: ObjectId = { object: 'campaign', from: 'path', field: 'campaign_id', owner: 'tenant' };
const byId = { params: z.object({ campaign_id: id }) };
const supervisors = signedIn('SUPERVISOR or ADMIN');
const booleanQuery = z.stringbool();
/** Writes that may start an OUTBOUND campaign dialing enqueue its first sweep (dialer.ts). */
const dialing = { secrets: ['auth' as const], sendsTo: [queues.campaignDial] };

export const listCampaignsRoute = kralikiRoute({
  method: 'GET',
  path: '/api/campaigns',
  auth: 'jwt',
  handler: 'functions/kraliki/campaigns/list-campaigns.ts',
  access: { table: 'read', secrets: ['auth'] },
  summary: 'The organization’s campaigns, newest first; `active` and `type` filter them',
  request: { query: z.object({ ...paging, active: z.optional(booleanQuery), type: z.optional(z.enum(CAMPAIGN_TYPES)) }) },
  responses: { 200: ok('A page of campaigns', z.array(campaignSchema)), ...signedIn() },
});

export const createCampaignRoute = kralikiRoute({
  method: 'POST',
  path: '/api/campaigns',
  auth: 'jwt',
  handler: 'functions/kraliki/campaigns/create-campaign.ts',
  access: dialing,
  summary: 'Creates a campaign of the caller’s organization (SUPERVISOR or ADMIN); an `organization_id` in the body is ignored',
  request: { body: z.object(campaignFields) },
  responses: { 201: ok('The campaign', campaignSchema), ...supervisors },
});

export const getCampaignRoute = kralikiRoute({
  method: 'GET',
  path: '/api/campaigns/{campaign_id}',
  auth: 'jwt',
  handler: 'functions/kraliki/campaigns/get-campaign.ts',
  access: { table: 'read', secrets: ['auth'] },
  summary: 'One campaign of the organization',
  request: byId,
  responses: { 200: ok('The campaign', campaignSchema), ...signedIn(), 404: notFoundInOrg('campaign') },
  objectIds: [campaign],
});

export const updateCampaignRoute = kralikiRoute({
  method: 'PUT',
  path: '/api/campaigns/{campaign_id}',
  auth: 'jwt',
  handler: 'functions/kraliki/campaigns/update-campaign.ts',
  access: dialing,
  summary: 'Changes a campaign (SUPERVISOR or ADMIN); fields left out keep their values',
  request: {
    ...byId,
    body: z.object({ ...campaignFields, name: z.optional(campaignFields.name), type: z.optional(campaignFields.type), instructions: z.optional(json) }),
  },
  responses: { 200: ok('The campaign as changed', campaignSchema), ...supervisors, 404: notFoundInOrg('campaign') },
  objectIds: [campaign],
});

export const deleteCampaignRoute = kralikiRoute({
  method: 'DELETE',
  path: '/api/campaigns/{campaign_id}',
  auth: 'jwt',
  handler: 'functions/kraliki/campaigns/delete-campaign.ts',
  access: { secrets: ['auth'] },
  summary: 'Deletes a campaign without contacts (SUPERVISOR or ADMIN)',
  request: byId,
  responses: {
    204: noContent('Deleted'),
    ...supervisors,
    404: notFoundInOrg('campaign'),
    409: failure('campaign_has_contacts: delete its contacts first'),
  },
  objectIds: [campaign],
});

const activation = (active: boolean) =>
  kralikiRoute({
    method: 'POST',
    path: `/api/campaigns/{campaign_id}/${active ? 'activate' : 'deactivate'}`,
    auth: 'jwt',
    handler: `functions/kraliki/campaigns/${active ? 'activate' : 'deactivate'}-campaign.ts`,
    access: dialing,
    summary: active
      ? 'Activates a campaign (SUPERVISOR or ADMIN); an OUTBOUND one starts dialing its contacts, paced'
      : 'Deactivates a campaign (SUPERVISOR or ADMIN); an OUTBOUND one stops dialing',
    request: byId,
    responses: { 200: ok('The campaign as changed', campaignSchema), ...supervisors, 404: notFoundInOrg('campaign') },
    objectIds: [campaign],
  });

export const activateCampaignRoute = activation(true);
export const deactivateCampaignRoute = activation(false);

export const campaignRoutes = [
  listCampaignsRoute,
  createCampaignRoute,
  getCampaignRoute,
  updateCampaignRoute,
  deleteCampaignRoute,
  activateCampaignRoute,
  deactivateCampaignRoute,
];
