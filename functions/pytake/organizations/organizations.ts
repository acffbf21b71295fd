/** Organizations: the stored record, the original's `Organization` view, reads and updates of the caller's own. */
import * as table from '#shared/db/table';
import { objectNotFound } from '../errors.ts';
import { orgKey } from '../keys.ts';

export type OrgRecord = {
  pk: string;
  sk: string;
  id: string;
  name: string;
  slug: string;
  description: string | null;
  website: string | null;
  logo_url: string | null;
  is_active: boolean;
  plan_type: 'free' | 'starter' | 'professional' | 'enterprise';
  plan_limits: Record<string, number>;
  plan_usage: Record<string, number>;
  is_trial: boolean;
  trial_ends_at: string | null;
  subscription_starts_at: string | null;
  subscription_ends_at: string | null;
  settings: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  version: number;
};

/** A new organization's limits (a free plan; no route enforces them yet). */
export const FREE_PLAN_LIMITS = {
  max_users: 5,
  max_whatsapp_numbers: 1,
  max_contacts: 1000,
  max_chatbots: 3,
  max_campaigns_per_month: 5,
  max_messages_per_month: 10000,
};

/** `ACME Corp` → `acme-corp`: lowercase letters, digits and dashes only. */
export const slugOf = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'org';

export function orgView(org: OrgRecord) {
  return {
    id: org.id,
    name: org.name,
    slug: org.slug,
    description: org.description,
    website: org.website,
    logo_url: org.logo_url,
    is_active: org.is_active,
    plan_type: org.plan_type,
    plan_limits: org.plan_limits,
    plan_usage: org.plan_usage,
    trial_ends_at: org.trial_ends_at,
    subscription_starts_at: org.subscription_starts_at,
    subscription_ends_at: org.subscription_ends_at,
    settings: org.settings,
    created_at: org.created_at,
    updated_at: org.updated_at,
  };
}

/** The caller's organization (it exists while any of its users can call). */
export async function myOrganization(orgId: string): Promise<OrgRecord> {
  const org = await table.get<OrgRecord>(orgKey(orgId));
  if (!org) throw objectNotFound('Organization');
  return org;
}

export interface OrgChanges {
  name?: string;
  description?: string | null;
  website?: string | null;
  logo_url?: string | null;
}

export async function updateOrganization(orgId: string, changes: OrgChanges): Promise<OrgRecord> {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':now': new Date().toISOString(), ':one': 1 };
  const sets = ['updated_at = :now', 'version = version + :one'];
  Object.entries(changes).forEach(([name, value], i) => {
    if (value === undefined) return;
    names[`#f${i}`] = name;
    values[`:f${i}`] = value;
    sets.push(`#f${i} = :f${i}`);
  });
  const updated = await table.update<OrgRecord>(orgKey(orgId), `SET ${sets.join(', ')}`, {
    condition: 'attribute_exists(pk)',
    ...(Object.keys(names).length ? { names } : {}),
    values,
    returning: 'new',
    onConditionFailure: objectNotFound('Organization'),
  });
  return updated as OrgRecord;
}

/** Merges the given settings over the stored ones, each top-level setting replaced whole (as the original's `dict.update`). */
export async function updateSettings(orgId: string, settings: Record<string, unknown>): Promise<OrgRecord> {
  const names: Record<string, string> = { '#settings': 'settings' };
  const values: Record<string, unknown> = { ':now': new Date().toISOString(), ':one': 1 };
  const sets = ['updated_at = :now', 'version = version + :one'];
  Object.entries(settings).forEach(([name, value], i) => {
    if (value === undefined) return;
    names[`#s${i}`] = name;
    values[`:s${i}`] = value;
    sets.push(`#settings.#s${i} = :s${i}`);
  });
  const updated = await table.update<OrgRecord>(orgKey(orgId), `SET ${sets.join(', ')}`, {
    condition: 'attribute_exists(pk)',
    names,
    values,
    returning: 'new',
    onConditionFailure: objectNotFound('Organization'),
  });
  return updated as OrgRecord;
}
