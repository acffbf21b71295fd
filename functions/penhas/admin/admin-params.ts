/**
 * What the admin routes share in their declarations: page parameters, ids in
 * paths, the failures every admin route answers, and how their ids are owned.
 */
import * as z from 'zod/mini';
import { failure } from '#shared/http/contract';
import type { ObjectId, ResponseContract } from '#shared/manifest';

const invalidUnless = (test: (value: string) => boolean) => z.refine<string>(test, { params: { reason: 'invalid' } });

/** `rows` (1–100, default 20) and the `next_page` token of the previous page. */
export const pageQuery = {
  rows: z.optional(
    z.string().check(
      z.maxLength(3),
      invalidUnless((v) => v === '' || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 100)),
    ),
  ),
  next_page: z.optional(z.string().check(z.maxLength(2000))),
};

export const rowsOf = (rows: string | undefined): number => (rows ? Number(rows) : 20);

/** A numeric id in the path. */
export const numericId = () =>
  z.string().check(
    z.maxLength(12),
    invalidUnless((v) => /^\d+$/.test(v)),
  );

export const flag = z.union([z.literal(0), z.literal(1)]);

/** Every admin route: no token, a token that is not an admin's, an admin no longer active. */
export const adminFailures: Record<number, ResponseContract> = {
  401: failure('missing_jwt (no Authorization: Bearer), invalid_admin_token (not an admin token: an app session, say), expired_admin_token'),
  403: failure('permission_denied: the admin is no longer active'),
};

/** Admins act on any account or content of the service (its one tenant: the PenhaS staff); app users on none of it. */
export const staffObject = (object: string, from: ObjectId['from'], field: string): ObjectId => ({ object, from, field, owner: 'tenant' });
