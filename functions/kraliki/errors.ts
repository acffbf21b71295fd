/**
 * Kraliki's failures, with the reference's `detail` texts where it had them.
 * Feature modules throw these; shared/http/formats/fastapi.ts puts them on the
 * wire as `{detail, code}`.
 */
import { conflict, forbidden, notFound } from '#shared/errors';

/** `what` is the object's name in the reference's texts: `Agent`, `Team`, `User`, `Team member`. */
export const notFoundError = (what: string) => notFound(`${what.toLowerCase().replace(/ /g, '_')}_not_found`, `${what} not found`);

export const adminRequired = () => forbidden('admin_required', 'Admin access required');
export const supervisorRequired = () => forbidden('supervisor_required', 'Supervisor or admin access required');
export const accountInactive = () => forbidden('account_inactive', 'User account is not active');

export const emailTaken = () => conflict('email_already_registered', 'Email already registered');
