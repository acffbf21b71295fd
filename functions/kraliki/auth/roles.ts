/**
 * Roles and the reference's role rules (its `require_admin` and
 * `require_supervisor` dependencies): ADMIN manages users and settings;
 * SUPERVISOR or ADMIN manage agents and teams and supervise calls; AGENT
 * works calls and changes her own agent status.
 */
import { adminRequired, supervisorRequired } from '../errors.ts';

export const ROLES = ['ADMIN', 'SUPERVISOR', 'AGENT'] as const;
export type Role = (typeof ROLES)[number];

/** Who made the request, as the `jwt` authenticators verified it. */
export interface Caller {
  userId: string;
  /** The tenant: every key the request builds is in this organization's partition. */
  organizationId: string;
  role: Role;
}

export const isAdmin = (caller: Caller): boolean => caller.role === 'ADMIN';
export const isSupervisor = (caller: Caller): boolean => caller.role === 'ADMIN' || caller.role === 'SUPERVISOR';

/** 403 `admin_required` unless the caller is an ADMIN. */
export function requireAdmin(caller: Caller): void {
  if (!isAdmin(caller)) throw adminRequired();
}

/** 403 `supervisor_required` unless the caller is a SUPERVISOR or an ADMIN (the reference's `require_supervisor`). */
export function requireSupervisor(caller: Caller): void {
  if (!isSupervisor(caller)) throw supervisorRequired();
}
