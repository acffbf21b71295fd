/**
 * PenhaS's failures as the original answered them: the codes and Portuguese
 * messages the app shows. Feature modules throw these; shared/http/formats/penhas.ts
 * puts them on the wire as `{error, message, field?, reason?}`.
 */
import { AppError, forbidden, notFound, rateLimited } from '#shared/errors';

/** The original's generic validation message. */
export const FIELDS_NOT_FILLED = 'Campos não foram preenchidos corretamente';

/** A 400 with its own code (`email_already_exists`), optionally naming the field and reason. */
export const badRequest = (code: string, message: string, field?: string, reason = 'invalid'): AppError =>
  new AppError('invalid', code, message, field === undefined ? {} : { extra: { field, reason } });

/** `form_error` for one field: is_required, invalid, invalid_max_length, invalid_min_length. */
export const formError = (field: string, reason: string, message = FIELDS_NOT_FILLED): AppError =>
  new AppError('invalid', 'form_error', message, { fields: [{ field, reason, message }] });

export const itemNotFound = (): AppError => notFound('item_not_found', 'O objeto requisitado não existe ou você não tem permissão para acessa-lo.');

/** What `/me…` answers for an account that is not active (deleted, scheduled for deletion, banned). */
export const pageNotFound = (): AppError => notFound('Page not found', 'Página ou item não existe');

export const permissionDenied = (): AppError => forbidden('permission_denied', 'Você não tem a permissão para este recurso.');

export const tooManyRequests = (retryAfterSeconds: number): AppError =>
  rateLimited(retryAfterSeconds, 'too_many_requests', 'Você fez muitos acessos recentemente. Aguarde um minuto e tente novamente.');
