/**
 * PyTake request parameters as FastAPI validated them: UUID path ids, integer
 * and boolean query parameters parsed from text, each failure with pydantic's
 * message (shown in the 422 `detail` list).
 */
import * as z from 'zod/mini';

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** A UUID (path ids, ids in bodies), lowercased as stored. */
export const uuid = () => z.string().check(z.regex(UUID, 'Input should be a valid UUID'), z.toLowerCase());

/** An integer query parameter with a default and bounds (`skip`, `limit`). */
export const intQuery = (defaultValue: number, bounds: { min?: number; max?: number } = {}) =>
  z._default(
    z.coerce
      .number({ error: 'Input should be a valid integer, unable to parse string as an integer' })
      .check(
        z.int('Input should be a valid integer'),
        ...(bounds.min === undefined ? [] : [z.gte(bounds.min, `Input should be greater than or equal to ${bounds.min}`)]),
        ...(bounds.max === undefined ? [] : [z.lte(bounds.max, `Input should be less than or equal to ${bounds.max}`)]),
      ),
    defaultValue,
  );

/** An optional boolean query parameter (`true`/`false`, `1`/`0`, `yes`/`no`…). */
export const boolQuery = () => z.optional(z.stringbool({ error: 'Input should be a valid boolean, unable to interpret input' }));

/** The original's `skip`/`limit` pagination: `limit` at most `maxLimit`. */
export const pagination = (maxLimit = 100, defaultLimit = 100) => ({ skip: intQuery(0, { min: 0 }), limit: intQuery(defaultLimit, { min: 1, max: maxLimit }) });

/** Optional text with bounds, `null` allowed (pydantic `Optional[str] = Field(None, max_length=…)`). */
export const optionalText = (bounds: { min?: number; max?: number } = {}) =>
  z.optional(
    z.nullable(
      z
        .string()
        .check(
          ...(bounds.min === undefined ? [] : [z.minLength(bounds.min, `String should have at least ${bounds.min} characters`)]),
          ...(bounds.max === undefined ? [] : [z.maxLength(bounds.max, `String should have at most ${bounds.max} characters`)]),
        ),
    ),
  );
