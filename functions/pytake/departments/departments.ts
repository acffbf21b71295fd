/**
 * Departments of an organization (`DEPARTMENT#<id>` in its partition), with the
 * original's fields. Queues belong to one department.
 */
import { randomUUID } from 'node:crypto';
import { keyQuery } from '#shared/db/keys';
import * as table from '#shared/db/table';
import { objectNotFound } from '../errors.ts';
import { DEPARTMENT_PREFIX, departmentKey, type ItemKey, orgPartition } from '../keys.ts';

export interface DepartmentInput {
  name: string;
  slug?: string | null;
  description?: string | null;
  color?: string;
  icon?: string | null;
  is_active?: boolean;
  agent_ids?: string[];
}

export interface DepartmentRecord extends ItemKey, Required<Omit<DepartmentInput, 'slug'>> {
  id: string;
  organization_id: string;
  slug: string;
  created_at: string;
  updated_at: string;
}

const slugOf = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'department';

export async function createDepartment(orgId: string, input: DepartmentInput): Promise<DepartmentRecord> {
  const id = randomUUID();
  const now = new Date().toISOString();
  const record: DepartmentRecord = {
    ...departmentKey(orgId, id),
    id,
    organization_id: orgId,
    name: input.name,
    slug: input.slug ?? slugOf(input.name),
    description: input.description ?? null,
    color: input.color ?? '#3B82F6',
    icon: input.icon ?? null,
    is_active: input.is_active ?? true,
    agent_ids: input.agent_ids ?? [],
    created_at: now,
    updated_at: now,
  };
  await table.put(record as unknown as Record<string, unknown>, { condition: 'attribute_not_exists(pk)' });
  return record;
}

export async function getDepartment(orgId: string, id: string): Promise<DepartmentRecord> {
  const record = await table.get<DepartmentRecord>(departmentKey(orgId, id), { consistent: true });
  if (!record) throw objectNotFound('Department');
  return record;
}

export async function listDepartments(orgId: string): Promise<DepartmentRecord[]> {
  const items: DepartmentRecord[] = [];
  let lastKey: Record<string, unknown> | undefined;
  do {
    const page = await table.query<DepartmentRecord>({
      ...keyQuery({ pk: orgPartition(orgId), sk: { beginsWith: DEPARTMENT_PREFIX } }),
      ExclusiveStartKey: lastKey,
    });
    items.push(...page.items);
    lastKey = page.lastKey;
  } while (lastKey);
  return items.sort((a, b) => a.name.localeCompare(b.name));
}

export async function updateDepartment(orgId: string, id: string, input: Partial<DepartmentInput>): Promise<DepartmentRecord> {
  const current = await getDepartment(orgId, id);
  const next = { ...current, updated_at: new Date().toISOString() } as DepartmentRecord;
  for (const [name, value] of Object.entries(input)) if (value !== undefined) (next as unknown as Record<string, unknown>)[name] = value;
  const written = await table.put(next as unknown as Record<string, unknown>, { condition: 'updated_at = :at', values: { ':at': current.updated_at } });
  if (!written) return updateDepartment(orgId, id, input);
  return next;
}

export async function deleteDepartment(orgId: string, id: string): Promise<void> {
  await getDepartment(orgId, id);
  await table.delete(departmentKey(orgId, id));
}

export const departmentView = ({ pk: _pk, sk: _sk, ...view }: DepartmentRecord) => view;
