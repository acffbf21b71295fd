/**
 * The admin audit log: every admin action leaves who (the admin), what (the
 * action and its object), when, and a few facts of the change (never a
 * message's text or a password). Actions that write one transaction put their
 * entry in it (`auditPut`); those that call into another feature's write path
 * record it right after (`recordAudit`). `GET /admin/audit` lists it, newest
 * first, from one partition: admin actions are few (a person's pace).
 */
import { randomUUID } from 'node:crypto';
import { keyQuery } from '#shared/db/keys';
import { queryPage } from '#shared/db/pagination';
import * as table from '#shared/db/table';
import type { TransactItem } from '#shared/db/transactions';
import { ADMIN_AUDIT_PARTITION, adminAuditKey } from '../keys.ts';
import type { AdminCaller } from './admin-auth.ts';

export type AuditFacts = Record<string, string | number | boolean | null>;

export interface AuditEntry {
  id: string;
  at: string;
  admin_id: string;
  admin_email: string;
  action: string;
  object_type: string;
  object_id: string;
  facts: AuditFacts;
}

export function auditEntry(
  caller: AdminCaller,
  action: string,
  object: { type: string; id: string | number },
  facts: AuditFacts = {},
  now = new Date(),
): AuditEntry {
  return {
    id: randomUUID(),
    at: now.toISOString(),
    admin_id: caller.adminId,
    admin_email: caller.email,
    action,
    object_type: object.type,
    object_id: String(object.id),
    facts,
  };
}

const auditItem = (entry: AuditEntry) => ({ ...adminAuditKey(entry.at, entry.id), ...entry });

/** The entry as one more item of the action's transaction. */
export const auditPut = (entry: AuditEntry): TransactItem => ({ Put: { Item: auditItem(entry) } });

/** The entry, written after an action that ran its own writes. */
export async function recordAudit(entry: AuditEntry): Promise<void> {
  await table.put(auditItem(entry));
}

export async function listAudit(options: { rows: number; next_page?: string }): Promise<{ rows: AuditEntry[]; has_more: 0 | 1; next_page: string | null }> {
  const page = await queryPage<AuditEntry & { pk: string; sk: string }>(
    { ...keyQuery({ pk: ADMIN_AUDIT_PARTITION }), ScanIndexForward: false },
    { limit: options.rows, cursor: options.next_page, cursorField: 'next_page' },
  );
  return {
    rows: page.items.map(({ pk: _pk, sk: _sk, ...entry }) => entry),
    has_more: page.cursor ? 1 : 0,
    next_page: page.cursor ?? null,
  };
}
