/**
 * Campaigns, in the organization's partition. A campaign counts its contacts
 * (`contacts_count`), changed in the same transaction as each contact and its
 * number's sentinel (contacts/contacts.ts, contacts/import.ts), so a campaign
 * is deleted only while it has none: contacts never outlive their campaign.
 */
import { randomUUID } from 'node:crypto';
import { keyQuery } from '#shared/db/keys';
import { queryAll } from '#shared/db/pagination';
import * as table from '#shared/db/table';
import { conflict } from '#shared/errors';
import { logger } from '#shared/observability/logger';
import type { Caller } from '../auth/roles.ts';
import { notFoundError } from '../errors.ts';
import { CAMPAIGN_PREFIX, campaignKey, orgPartition } from '../keys.ts';
import { followActivation } from './dialer-activation.ts';

export const CAMPAIGN_TYPES = ['INBOUND', 'OUTBOUND', 'TRANSFER', 'ESCALATION'] as const;
export type CampaignType = (typeof CAMPAIGN_TYPES)[number];

type Json = Record<string, unknown>;

export type CampaignRecord = {
  pk: string;
  sk: string;
  id: string;
  organization_id: string;
  name: string;
  description: string | null;
  type: CampaignType;
  language: string;
  version: string;
  active: boolean;
  instructions: Json;
  tools: Json | null;
  voice: Json | null;
  analytics: Json | null;
  metadata_payload: Json | null;
  contacts_count: number;
  created_at: string;
  updated_at: string;
};

export const campaignView = ({
  pk: _pk,
  sk: _sk,
  contacts_count: _count,
  gsi1pk: _gpk,
  gsi1sk: _gsk,
  ...campaign
}: CampaignRecord & { gsi1pk?: string; gsi1sk?: string }) => campaign;

export interface CampaignFields {
  name: string;
  description?: string | null;
  type: CampaignType;
  language?: string;
  version?: string;
  active?: boolean;
  instructions: Json;
  tools?: Json | null;
  voice?: Json | null;
  analytics?: Json | null;
  /** The reference's field, also accepted under its alias `metadata`. */
  metadata_payload?: Json | null;
  metadata?: Json | null;
}

export async function createCampaign(caller: Caller, fields: CampaignFields, now = new Date()) {
  const orgId = caller.organizationId;
  const id = randomUUID();
  const at = now.toISOString();
  const campaign: CampaignRecord = {
    ...campaignKey(orgId, id),
    id,
    organization_id: orgId,
    name: fields.name,
    description: fields.description ?? null,
    type: fields.type,
    language: fields.language ?? 'en',
    version: fields.version ?? '1.0.0',
    active: fields.active ?? false,
    instructions: fields.instructions,
    tools: fields.tools ?? null,
    voice: fields.voice ?? null,
    analytics: fields.analytics ?? null,
    metadata_payload: fields.metadata_payload ?? fields.metadata ?? null,
    contacts_count: 0,
    created_at: at,
    updated_at: at,
  };
  await table.put(campaign, { condition: 'attribute_not_exists(pk)' });
  logger.info('campaign created', { organizationId: orgId, campaignId: id, type: campaign.type });
  await followActivation(campaign);
  return campaignView(campaign);
}

export async function getCampaign(orgId: string, campaignId: string): Promise<CampaignRecord> {
  const campaign = await table.get<CampaignRecord>(campaignKey(orgId, campaignId), { consistent: true });
  if (!campaign) throw notFoundError('Campaign');
  return campaign;
}

/** The organization's campaigns, newest first, optionally only active ones or one type. */
export async function listCampaigns(orgId: string, filter: { active?: boolean; type?: CampaignType } = {}): Promise<CampaignRecord[]> {
  const campaigns = await queryAll<CampaignRecord>(keyQuery({ pk: orgPartition(orgId), sk: { beginsWith: CAMPAIGN_PREFIX } }));
  return campaigns
    .filter((campaign) => (filter.active === undefined || campaign.active === filter.active) && (filter.type === undefined || campaign.type === filter.type))
    .sort((a, b) => b.created_at.localeCompare(a.created_at));
}

export type CampaignChanges = Partial<CampaignFields>;

/** Changes the fields given (null clears an optional one); the campaign as changed. An OUTBOUND campaign made active starts dialing, one made inactive stops (dialer-activation.ts). */
export async function updateCampaign(caller: Caller, campaignId: string, changes: CampaignChanges, now = new Date()) {
  const { metadata, ...rest } = changes;
  const fields: Record<string, unknown> = { ...rest };
  if (fields.metadata_payload === undefined && metadata !== undefined) fields.metadata_payload = metadata;
  const entries = Object.entries(fields).filter(([, value]) => value !== undefined);
  const names: Record<string, string> = { '#updated_at': 'updated_at' };
  const values: Record<string, unknown> = { ':updated_at': now.toISOString() };
  const sets = ['#updated_at = :updated_at'];
  entries.forEach(([name, value], i) => {
    names[`#f${i}`] = name;
    values[`:f${i}`] = value;
    sets.push(`#f${i} = :f${i}`);
  });
  const updated = await table.update<CampaignRecord>(campaignKey(caller.organizationId, campaignId), `SET ${sets.join(', ')}`, {
    condition: 'attribute_exists(pk)',
    names,
    values,
    returning: 'new',
    onConditionFailure: notFoundError('Campaign'),
  });
  await followActivation(updated as CampaignRecord);
  return campaignView(updated as CampaignRecord);
}

/** Deletes a campaign that has no contacts (409 `campaign_has_contacts` otherwise: delete or move them first). */
export async function deleteCampaign(caller: Caller, campaignId: string): Promise<void> {
  const orgId = caller.organizationId;
  await table.delete(campaignKey(orgId, campaignId), {
    condition: 'attribute_exists(pk) AND contacts_count = :zero',
    values: { ':zero': 0 },
    onConditionFailure: (exists) => (exists ? conflict('campaign_has_contacts', 'Campaign still has contacts') : notFoundError('Campaign')),
  });
  logger.info('campaign deleted', { organizationId: orgId, campaignId });
}
