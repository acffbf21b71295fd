/**
 * Typed failures that feature modules throw. They name what went wrong in the
 * product's terms; each service's error format (shared/http/formats) decides how
 * that looks on the wire, so rules never import HTTP or Lambda types.
 */
export type ErrorKind =
  | 'invalid' // the input breaks a rule (400; 422 in FastAPI-style services)
  | 'unauthenticated' // no or bad credential (401)
  | 'forbidden' // authenticated but not allowed (403)
  | 'not_found' // missing, or hidden from this caller (404)
  | 'conflict' // state forbids it, e.g. a duplicate (409)
  | 'payload_too_large' // (413)
  | 'unsupported_media_type' // (415)
  | 'rate_limited' // (429)
  | 'internal'; // a bug (500): never thrown on purpose

export interface FieldProblem {
  /** Dotted path of the failing field (`users.3.userId`), '' for the whole input. */
  field: string;
  /** Where the field was sent; formats that report it (FastAPI's `loc`) default to the body. */
  location?: 'body' | 'query' | 'path';
  /** Stable machine code: is_required, invalid, invalid_max_length, ... */
  reason: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    /** Stable code the client may branch on (`email_already_exists`). */
    readonly code: string,
    message: string = code,
    readonly details: {
      fields?: FieldProblem[];
      retryAfterSeconds?: number;
      /** Extra members a service format may put on the wire. */
      extra?: Record<string, unknown>;
    } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const invalid = (fields: FieldProblem[], message = 'invalid input') => new AppError('invalid', 'invalid', message, { fields });
export const notFound = (code = 'not_found', message: string = code) => new AppError('not_found', code, message);
export const unauthenticated = (code = 'unauthenticated', message: string = code) => new AppError('unauthenticated', code, message);
export const forbidden = (code = 'forbidden', message: string = code) => new AppError('forbidden', code, message);
export const conflict = (code = 'conflict', message: string = code) => new AppError('conflict', code, message);
export const rateLimited = (retryAfterSeconds: number, code = 'too_many_requests', message: string = code) =>
  new AppError('rate_limited', code, message, { retryAfterSeconds });
