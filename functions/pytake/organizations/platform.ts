/**
 * The platform's organizations, for super admins only (the original's
 * `/organizations/` routes behind `get_current_super_admin`): every
 * organization newest first (one index partition, `ORGANIZATIONS`), one by
 * id, its counts, and its activation. A deactivated organization's users are
 * refused at their next request (auth/access.ts reads the organization with
 * the user), until it is activated again.
 */
import { keyQuery } from '#shared/db/keys';
import * as table from '#shared/db/table';
import { objectNotFound, refused } from '../errors.ts';
import { CONTACT_PREFIX, CONVERSATION_PREFIX, ORGANIZATIONS_PARTITION, orgKey, orgPartition, USER_PREFIX, WANUMBER_PREFIX } from '../keys.ts';
import type { OrgRecord } from './organizations.ts';

export async function listOrganizations(skip: number, limit: number, isActive?: boolean): Promise<OrgRecord[]> {
  const items: OrgRecord[] = [];
  let lastKey: Record<string, unknown> | undefined;
  const base = keyQuery({ index: 'gsi1', pk: ORGANIZATIONS_PARTITION });
  do {
    const page = await table.query<OrgRecord>({
      ...base,
      ScanIndexForward: false,
      ...(isActive === undefined
        ? {}
        : { FilterExpression: 'is_active = :active', ExpressionAttributeValues: { ...base.ExpressionAttributeValues, ':active': isActive } }),
      ExclusiveStartKey: lastKey,
    });
    items.push(...page.items);
    lastKey = page.lastKey;
  } while (lastKey && items.length < skip + limit);
  return items.slice(skip, skip + limit);
}

export async function getOrganization(orgId: string): Promise<OrgRecord> {
  const org = await table.get<OrgRecord>(orgKey(orgId), { consistent: true });
  if (!org) throw objectNotFound('Organization');
  return org;
}

/** How many items of a kind the organization holds (a Query reading keys only, filtered). */
async function count(orgId: string, prefix: string, filter?: string): Promise<number> {
  const base = keyQuery({ pk: orgPartition(orgId), sk: { beginsWith: prefix } });
  let total = 0;
  let lastKey: Record<string, unknown> | undefined;
  do {
    const page = await table.query({ ...base, ProjectionExpression: 'pk', ...(filter ? { FilterExpression: filter } : {}), ExclusiveStartKey: lastKey });
    total += page.items.length;
    lastKey = page.lastKey;
  } while (lastKey);
  return total;
}

export async function organizationStats(orgId: string) {
  const org = await getOrganization(orgId);
  const [users, contacts, conversations, numbers] = await Promise.all([
    count(orgId, USER_PREFIX, 'attribute_not_exists(deleted_at)'),
    count(orgId, CONTACT_PREFIX, 'attribute_not_exists(deleted_at)'),
    count(orgId, CONVERSATION_PREFIX),
    count(orgId, WANUMBER_PREFIX),
  ]);
  return {
    organization_id: org.id,
    total_users: users,
    total_contacts: contacts,
    total_conversations: conversations,
    total_whatsapp_numbers: numbers,
    plan_type: org.plan_type,
    plan_limits: org.plan_limits,
    is_active: org.is_active,
  };
}

/** Activates or deactivates an organization; a super admin never deactivates her own. */
export async function setActive(orgId: string, active: boolean, callerOrgId: string): Promise<OrgRecord> {
  if (!active && orgId === callerOrgId) throw refused('own_organization', 'Cannot deactivate your own organization');
  const updated = await table.update<OrgRecord>(orgKey(orgId), 'SET is_active = :active, updated_at = :now, version = version + :one', {
    condition: 'attribute_exists(pk)',
    values: { ':active': active, ':now': new Date().toISOString(), ':one': 1 },
    returning: 'new',
    onConditionFailure: objectNotFound('Organization'),
  });
  return updated as OrgRecord;
}
