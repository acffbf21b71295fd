/**
 * PyTake's failures as the original's FastAPI answered them: `{detail}` with
 * its English texts (shared/http/formats/fastapi.ts adds the stable `code`).
 * Feature modules throw these.
 */
import { AppError, conflict, forbidden, notFound, rateLimited, unauthenticated } from '#shared/errors';

/** Any bad or missing access token, or one whose user is gone or inactive (the original folds them all into this). */
export const invalidCredentials = (): AppError => unauthenticated('invalid_credentials', 'Could not validate credentials');
export const notAuthenticated = (): AppError => unauthenticated('not_authenticated', 'Not authenticated');

/** `{what} not found`, e.g. `User not found`: also what another organization's id gets. */
export const objectNotFound = (what: string): AppError => notFound(`${what.toLowerCase().replace(/\s+/g, '_')}_not_found`, `${what} not found`);

export const insufficientRole = (roles: readonly string[]): AppError =>
  forbidden('insufficient_permissions', `Insufficient permissions. Required roles: ${roles.join(', ')}`);

export const alreadyExists = (code: string, detail: string): AppError => conflict(code, detail);

export const tooManyAttempts = (retryAfterSeconds: number): AppError =>
  rateLimited(retryAfterSeconds, 'too_many_requests', 'Too many attempts. Try again later.');

/** A rule of the product (not of a field's shape) refuses the change. */
export const refused = (code: string, detail: string): AppError => new AppError('forbidden', code, detail);
