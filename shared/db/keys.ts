/**
 * The one place that knows how keys are written. Every table uses generic key
 * attributes (`pk`/`sk`, and `<index>pk`/`<index>sk` for overloaded indexes)
 * holding '#'-joined parts: `USER#<id>`, `POST#<timestamp>#<id>`.
 *
 * Parts are escaped, so a user-supplied value can never add a separator of its
 * own: `key('USER', 'a#b')` cannot collide with, or be a prefix query into,
 * `key('USER', 'a', 'b')`.
 */
import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';

export const PK = 'pk';
export const SK = 'sk';

export type Key = Record<string, string>;
export type KeyPart = string | number;

const SEPARATOR = '#';

// Percent-style escaping of the separator and of the escape character itself keeps it reversible.
const escapePart = (part: KeyPart) => String(part).replace(/%/g, '%25').replace(/#/g, '%23');
const unescapePart = (part: string) => part.replace(/%2[35]/g, (code) => (code === '%23' ? '#' : '%'));

export function key(...parts: KeyPart[]): string {
  return parts.map(escapePart).join(SEPARATOR);
}

/** Begins every key under `parts` and no other: `prefix('POST')` matches `POST#…`, never `POSTS#…`. */
export function prefix(...parts: KeyPart[]): string {
  return key(...parts) + SEPARATOR;
}

/** The parts a key was made of: `keyParts(key('POST', 'a#b'))` → `['POST', 'a#b']`. */
export function keyParts(value: string): string[] {
  return value.split(SEPARATOR).map(unescapePart);
}

/** Key attribute names of the table (no index) or of an overloaded index (`gsi1` → `gsi1pk`/`gsi1sk`). */
export function keyNames(index?: string): { partition: string; sort: string } {
  return index ? { partition: `${index}${PK}`, sort: `${index}${SK}` } : { partition: PK, sort: SK };
}

export type SortCondition = { beginsWith: string } | { between: [string, string] } | { equals: string } | { lessThan: string } | { greaterThan: string };

export type KeyQuery = Pick<QueryCommandInput, 'IndexName' | 'KeyConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'>;

/**
 * The key condition of a Query: one partition, optionally narrowed on the sort
 * key. Placeholders are `#pk`/`#sk`/`:pk`/`:sk…`, so filters added later must
 * not reuse those names.
 */
export function keyQuery(options: { index?: string; pk: string; sk?: SortCondition }): KeyQuery {
  const names = keyNames(options.index);
  const query: KeyQuery = {
    ...(options.index ? { IndexName: options.index } : {}),
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': names.partition },
    ExpressionAttributeValues: { ':pk': options.pk },
  };
  const sk = options.sk;
  if (!sk) return query;
  query.ExpressionAttributeNames!['#sk'] = names.sort;
  const values = query.ExpressionAttributeValues!;
  if ('beginsWith' in sk) {
    query.KeyConditionExpression += ' AND begins_with(#sk, :sk)';
    values[':sk'] = sk.beginsWith;
  } else if ('between' in sk) {
    query.KeyConditionExpression += ' AND #sk BETWEEN :skFrom AND :skTo';
    [values[':skFrom'], values[':skTo']] = sk.between;
  } else {
    const [operator, value] = 'equals' in sk ? ['=', sk.equals] : 'lessThan' in sk ? ['<', sk.lessThan] : ['>', sk.greaterThan];
    query.KeyConditionExpression += ` AND #sk ${operator} :sk`;
    values[':sk'] = value;
  }
  return query;
}
