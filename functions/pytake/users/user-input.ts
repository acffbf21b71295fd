/** What requests may set on a user, as the original's UserCreate/UserUpdate schemas. */
import * as z from 'zod/mini';
import { ROLES } from '../auth/tokens.ts';
import { optionalText, uuid } from '../params.ts';
import { emailField, fullNameField, newPasswordField } from './user-schema.ts';
import { AGENT_STATUSES } from './users.ts';

const role = z.enum(ROLES, { error: `Input should be ${ROLES.map((r) => `'${r}'`).join(', ')}` });
const departmentIds = z.optional(z.nullable(z.array(uuid()).check(z.maxLength(50, 'List should have at most 50 items'))));

export const createUserBody = z.object({
  email: emailField,
  password: newPasswordField,
  full_name: fullNameField,
  phone_number: optionalText({ max: 20 }),
  avatar_url: optionalText({ max: 2048 }),
  bio: optionalText({ max: 2000 }),
  role: z._default(role, 'agent'),
  department_ids: departmentIds,
});

export const updateUserBody = z.object({
  full_name: z.optional(fullNameField),
  phone_number: optionalText({ max: 20 }),
  avatar_url: optionalText({ max: 2048 }),
  bio: optionalText({ max: 2000 }),
  role: z.optional(role),
  is_active: z.optional(z.boolean()),
  agent_status: z.optional(z.nullable(z.enum(AGENT_STATUSES, { error: "Input should be 'available', 'busy', 'away' or 'offline'" }))),
  agent_greeting_message: optionalText({ max: 2000 }),
  department_ids: departmentIds,
});
