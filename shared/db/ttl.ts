/**
 * Expiry. DynamoDB's TTL deletes expired items eventually (up to about 48 h
 * late), so an expired item must also be invisible at read time: `isLive` for
 * items fetched by key, `onlyLive` for queries.
 */
import type { QueryParams } from './pagination.ts';

/** The table's TTL attribute (manifest `table.ttlAttribute`), epoch seconds. */
export const TTL_ATTRIBUTE = 'expiresAt';

const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** The TTL value for a moment, or for a number of seconds from `now`. */
export function expiresAt(when: Date | number, now: Date = new Date()): number {
  return typeof when === 'number' ? epochSeconds(now) + Math.ceil(when) : epochSeconds(when);
}

/** False once the item's expiry has passed; items without one never expire. */
export function isLive(item: Record<string, unknown> | undefined, now: Date = new Date(), attribute = TTL_ATTRIBUTE): boolean {
  if (!item) return false;
  const expiry = item[attribute];
  return typeof expiry !== 'number' || expiry > epochSeconds(now);
}

/** `params` with a filter that drops expired items, ANDed with any filter it already has. */
export function onlyLive<P extends QueryParams>(params: P, now: Date = new Date(), attribute = TTL_ATTRIBUTE): P {
  const live = '(attribute_not_exists(#ttlAttribute) OR #ttlAttribute > :ttlNow)';
  return {
    ...params,
    FilterExpression: params.FilterExpression ? `(${params.FilterExpression}) AND ${live}` : live,
    ExpressionAttributeNames: { ...params.ExpressionAttributeNames, '#ttlAttribute': attribute },
    ExpressionAttributeValues: { ...params.ExpressionAttributeValues, ':ttlNow': epochSeconds(now) },
  };
}
