/**
 * The first admin, from settings: `ADMIN_EMAIL` and `ADMIN_PASSWORD` (the
 * `admin` secret on AWS, the environment locally), created by the content
 * seed when no admin has that e-mail. Nothing is changed when one has: a
 * password changed later is not reset by the next deploy.
 */
import * as z from 'zod/mini';
import { loadConfig } from '#shared/config';
import { AppError } from '#shared/errors';
import { readSecretJson } from '#shared/secrets';
import { secrets } from '../resources.ts';
import { createAdmin } from './admins.ts';

const settings = z.object({ ADMIN_EMAIL: z.optional(z.string()), ADMIN_PASSWORD: z.optional(z.string()), ADMIN_NAME: z.optional(z.string()) });

/** `created`, `exists`, or `not configured` (no e-mail or password set). */
export async function ensureFirstAdmin(): Promise<'created' | 'exists' | 'not configured'> {
  const fromSecret = await readSecretJson(secrets.admin);
  const local = loadConfig(settings);
  const email = fromSecret.ADMIN_EMAIL ?? local.ADMIN_EMAIL;
  const password = fromSecret.ADMIN_PASSWORD ?? local.ADMIN_PASSWORD;
  if (!email || !password) return 'not configured';
  if (password.length < 12) throw new Error('ADMIN_PASSWORD must have at least 12 characters');
  try {
    await createAdmin({ email, password, name: fromSecret.ADMIN_NAME ?? local.ADMIN_NAME ?? 'Admin' });
    return 'created';
  } catch (error) {
    if (error instanceof AppError && error.code === 'admin_exists') return 'exists';
    throw error;
  }
}
