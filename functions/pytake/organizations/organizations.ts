/** Organizations: the stored record and the original's `Organization` view. */
export interface OrgRecord {
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
}

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
