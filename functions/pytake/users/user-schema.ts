/** The user as the API shows it, and the fields a request may set: one declaration for routes and documents. */
import * as z from 'zod/mini';
import { ROLES } from '../auth/tokens.ts';
import { AGENT_STATUSES } from './users.ts';

const nullableString = z.nullable(z.string());

export const userResponse = z.object({
  id: z.string(),
  organization_id: z.string(),
  email: z.string(),
  full_name: z.string(),
  phone_number: nullableString,
  avatar_url: nullableString,
  bio: nullableString,
  role: z.enum(ROLES),
  email_verified: z.boolean(),
  is_active: z.boolean(),
  is_online: z.boolean(),
  last_seen_at: nullableString,
  last_login_at: nullableString,
  agent_status: z.nullable(z.enum(AGENT_STATUSES)),
  agent_greeting_message: nullableString,
  department_ids: z.array(z.string()),
  created_at: z.string(),
  updated_at: z.string(),
});

/** An e-mail as pydantic's EmailStr accepts it (one @, a dotted domain, no spaces). */
export const emailField = z
  .string()
  .check(
    z.trim(),
    z.maxLength(255, 'String should have at most 255 characters'),
    z.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'value is not a valid email address: An email address must have an @-sign and a dotted domain.'),
  );

/** The original's password policy: 8 to 100 characters with an uppercase letter, a lowercase letter and a digit. */
export const newPasswordField = z.string().check(
  z.minLength(8, 'String should have at least 8 characters'),
  z.maxLength(100, 'String should have at most 100 characters'),
  z.refine((v) => /[A-Z]/.test(v), 'Value error, Password must contain at least one uppercase letter'),
  z.refine((v) => /[a-z]/.test(v), 'Value error, Password must contain at least one lowercase letter'),
  z.refine((v) => /\d/.test(v), 'Value error, Password must contain at least one digit'),
);

export const fullNameField = z
  .string()
  .check(z.trim(), z.minLength(2, 'String should have at least 2 characters'), z.maxLength(255, 'String should have at most 255 characters'));
