/** Request parameters shared by Kraliki's routes. */
import * as z from 'zod/mini';

/** An object id in a path (ids are UUIDs; anything else is simply not found). */
export const id = z.string().check(z.minLength(1), z.maxLength(64));

/** The reference's offset paging: `skip` ≥ 0, `limit` 1–100 (default 20). */
export const paging = {
  skip: z._default(z.coerce.number().check(z.int(), z.gte(0), z.lte(100_000)), 0),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 20),
};

/** A page of `items` as the reference's offset paging cuts it. */
export const pageOf = <T>(items: T[], skip: number, limit: number): T[] => items.slice(skip, skip + limit);
