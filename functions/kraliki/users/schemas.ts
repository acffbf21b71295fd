/** The user schemas every feature shows or reads users with. */
import * as z from 'zod/mini';
import { ROLES } from '../auth/roles.ts';
import { USER_STATUSES } from './users.ts';

export const name = z.string().check(z.trim(), z.minLength(1), z.maxLength(100));
export const email = z.email().check(z.maxLength(254));
/** At least 8 characters; the upper bound keeps hashing cheap to refuse. */
export const password = z.string().check(z.minLength(8), z.maxLength(128));
export const role = z.enum(ROLES);
export const optionalText = (max: number) => z.optional(z.nullable(z.string().check(z.maxLength(max))));
export const skills = z.array(z.string().check(z.minLength(1), z.maxLength(100))).check(z.maxLength(50));

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  role,
  status: z.enum(USER_STATUSES),
  department: z.nullable(z.string()),
  phone_extension: z.nullable(z.string()),
  skills: z.array(z.string()),
  organization_id: z.string(),
  auth_provider: z.literal('LOCAL'),
  created_at: z.string(),
  updated_at: z.string(),
  last_login_at: z.nullable(z.string()),
});
