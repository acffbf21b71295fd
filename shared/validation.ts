/** zod parsing that turns failures into the typed `invalid` error every format understands. */
import * as z from 'zod/mini';
import { invalid, type FieldProblem } from './errors.ts';

function reasonOf(issue: z.core.$ZodIssue): string {
  // A refinement may name its reason itself (`params: { reason: 'is_required' }`), for formats whose reasons are not zod's.
  const named = (issue as { params?: { reason?: unknown } }).params?.reason;
  if (issue.code === 'custom' && typeof named === 'string') return named;
  if (issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined) return 'is_required';
  if (issue.code === 'too_big' && issue.origin === 'string') return 'invalid_max_length';
  if (issue.code === 'too_small' && issue.origin === 'string') return 'invalid_min_length';
  return 'invalid';
}

export function toFieldProblems(issues: readonly z.core.$ZodIssue[], location?: FieldProblem['location']): FieldProblem[] {
  return issues.map((issue) => ({
    field: issue.path.map(String).join('.'),
    reason: reasonOf(issue),
    message: issue.message,
    ...(location ? { location } : {}),
  }));
}

/** Parses `input`, throwing AppError('invalid') listing every failing field. */
export function parseWith<T>(schema: z.core.$ZodType<T>, input: unknown, location?: FieldProblem['location']): T {
  const result = z.safeParse(schema, input, { reportInput: true });
  if (!result.success) throw invalid(toFieldProblems(result.error.issues, location));
  return result.data;
}
