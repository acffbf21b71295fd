/**
 * Users of an organization: the stored record, its public view (never the
 * password hash), and reads within the caller's organization only.
 */
import * as table from '#shared/db/table';
import { userKey } from '../keys.ts';
import type { Role } from '../auth/tokens.ts';

export const AGENT_STATUSES = ['available', 'busy', 'away', 'offline'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

export type UserRecord = {
  pk: string;
  sk: string;
  id: string;
  organization_id: string;
  email: string;
  password_hash: string;
  full_name: string;
  phone_number: string | null;
  avatar_url: string | null;
  bio: string | null;
  role: Role;
  email_verified: boolean;
  is_active: boolean;
  is_online: boolean;
  last_seen_at: string | null;
  last_login_at: string | null;
  agent_status: AgentStatus | null;
  agent_greeting_message: string | null;
  department_ids: string[];
  created_at: string;
  updated_at: string;
  /** Set when the user was deleted: the record stays (conversations name it) but no request finds it. */
  deleted_at?: string;
  version: number;
};

/** The original's `User` response: every profile field, never the password hash. */
export function userView(user: UserRecord) {
  return {
    id: user.id,
    organization_id: user.organization_id,
    email: user.email,
    full_name: user.full_name,
    phone_number: user.phone_number,
    avatar_url: user.avatar_url,
    bio: user.bio,
    role: user.role,
    email_verified: user.email_verified,
    is_active: user.is_active,
    is_online: user.is_online,
    last_seen_at: user.last_seen_at,
    last_login_at: user.last_login_at,
    agent_status: user.agent_status,
    agent_greeting_message: user.agent_greeting_message,
    department_ids: user.department_ids,
    created_at: user.created_at,
    updated_at: user.updated_at,
  };
}
export type UserView = ReturnType<typeof userView>;

/** The user, within the organization; undefined when missing or deleted. */
export async function findUser(orgId: string, userId: string, options: { consistent?: boolean } = {}): Promise<UserRecord | undefined> {
  const user = await table.get<UserRecord>(userKey(orgId, userId), options);
  return user && !user.deleted_at ? user : undefined;
}
