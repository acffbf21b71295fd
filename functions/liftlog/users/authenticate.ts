/**
 * LiftLog's `password` authenticator. The app sends its user id and password
 * in the body of every write, so the credential is checked once the body has
 * passed validation, as the original did. PBKDF2 at the original's cost takes
 * hundreds of milliseconds, so a warm environment remembers recent successful
 * verifications for a minute (never failures, never the password itself; see
 * PasswordVerificationCache). The user record is still read on every request,
 * so a deleted account stops working at once.
 */
import { defineAuthenticator } from '#shared/auth/authenticator';
import { PasswordVerificationCache } from '#shared/auth/passwords';
import { notFound, unauthenticated } from '#shared/errors';
import { findUser, type UserRecord } from './users.ts';

const verifications = new PasswordVerificationCache({ ttlSeconds: 60 });

export interface AuthenticateOptions {
  /** POST /shareditem answers an unknown user with 401, not 404, as the original did. */
  unknownUser?: 'not_found' | 'unauthenticated';
}

export async function authenticate(userId: string, password: string, options: AuthenticateOptions = {}): Promise<UserRecord> {
  const user = await findUser(userId);
  if (!user) throw options.unknownUser === 'unauthenticated' ? unauthenticated('unknown_user') : notFound('user_not_found');
  if (!(await verifications.verify(user.id, password, user.passwordHash))) throw unauthenticated('wrong_password');
  return user;
}

/** The authenticator of a route whose body names the user in `idField` (`id` or `userId`) next to `password`. */
export const password = <IdField extends 'id' | 'userId'>(idField: IdField, options: AuthenticateOptions = {}) =>
  defineAuthenticator<'password', UserRecord, Record<IdField, string> & { password: string }>({
    kind: 'password',
    reads: 'input',
    authenticate: ({ body }) => authenticate(body[idField], body.password, options),
  });
