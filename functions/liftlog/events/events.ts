/**
 * Feed events: a user publishes encrypted events (upserted on their id, the
 * server's timestamp bumped on every publish); followers read them with a
 * follow secret, the read capability the user handed them. Events expire:
 * DynamoDB's TTL removes them eventually, reads filter them out at once, and
 * an hourly job removes them through the expiry index.
 */
import { batchGet } from '#shared/db/batch';
import { keyQuery, type Key } from '#shared/db/keys';
import { queryAll } from '#shared/db/pagination';
import * as table from '#shared/db/table';
import { expiresAt, TTL_ATTRIBUTE } from '#shared/db/ttl';
import { count } from '#shared/observability/metrics';
import { mapConcurrently } from '#shared/concurrency';
import { eventKey, expiryIndex, feedIndex, followSecretKey, userKey } from '../keys.ts';
import { MAX_FOLLOW_SECRET_LENGTH } from '../follow-secrets/follow-secrets.ts';
import { toBase64, toIso } from '../wire.ts';

export interface NewEvent {
  userId: string;
  eventId: string;
  encryptedEventPayload: Uint8Array;
  encryptedEventIV: Uint8Array;
  expiry: Date;
}

interface EventRecord {
  userId: string;
  eventId: string;
  timestamp: string;
  expiry: string;
  encryptedEventPayload: Uint8Array;
  encryptedEventIV: Uint8Array;
}

export interface EventView {
  userId: string;
  eventId: string;
  timestamp: string;
  encryptedEventPayload: string;
  encryptedEventIV: string;
  expiry: string;
}

/** Creates or replaces the event; either way its timestamp becomes now, so followers see it again. */
export async function publishEvent(event: NewEvent): Promise<void> {
  const timestamp = toIso(new Date());
  const expiry = toIso(event.expiry);
  const record: EventRecord = {
    userId: event.userId,
    eventId: event.eventId,
    timestamp,
    expiry,
    encryptedEventPayload: event.encryptedEventPayload,
    encryptedEventIV: event.encryptedEventIV,
  };
  await table.put({
    ...eventKey(event.userId, event.eventId),
    ...record,
    [TTL_ATTRIBUTE]: expiresAt(event.expiry),
    gsi1pk: feedIndex.partition(event.userId),
    gsi1sk: timestamp,
    gsi2pk: expiryIndex.partitionOf(event.eventId),
    gsi2sk: expiry,
  });
  count('EventPublished');
}

export interface FeedRequest {
  userId: string;
  followSecret: string;
  since: Date;
}

export interface Feed {
  events: EventView[];
  invalidFollowSecrets: string[];
}

/** Users' event queries in flight at once. */
const QUERIES_IN_FLIGHT = 25;

/**
 * The live events, newer than `since`, of every user followed with a valid
 * secret: one BatchGetItem per 100 keys (the secrets and the followed users'
 * profiles), then one Query per distinct followed user. A secret is valid only
 * for the user who registered it, and only while that user's account exists:
 * a deleted account is unreadable at once, before its erasure reaches its
 * secrets and events.
 */
export async function readFeed(requests: FeedRequest[], now: Date = new Date()): Promise<Feed> {
  // A secret longer than any that can be registered is invalid without asking the table.
  const askable = requests.filter((request) => request.followSecret.length <= MAX_FOLLOW_SECRET_LENGTH);
  const followed = [...new Set(askable.map((request) => request.userId))];
  const found = await batchGet(
    [...askable.map((request) => followSecretKey(request.userId, request.followSecret)), ...followed.map(userKey)],
    // Only whether each exists matters: a profile may carry a picture of up to 64 KB.
    { consistentRead: true, attributes: [] },
  );
  const existing = new Set(followed.filter((_, i) => found[askable.length + i]));
  const valid = new Set(askable.filter((request, i) => found[i] && existing.has(request.userId)));

  const sinceByUser = new Map<string, Date>();
  for (const request of valid) {
    const earlier = sinceByUser.get(request.userId);
    // The same user followed twice (two secrets): the wider window covers both.
    if (!earlier || request.since < earlier) sinceByUser.set(request.userId, request.since);
  }
  const invalidFollowSecrets = [...new Set(requests.filter((request) => !valid.has(request)).map((request) => request.followSecret))];

  const perUser = await mapConcurrently([...sinceByUser], QUERIES_IN_FLIGHT, ([userId, since]) => liveEventsSince(userId, since, now));
  return { events: perUser.flat().map(viewOf), invalidFollowSecrets };
}

async function liveEventsSince(userId: string, since: Date, now: Date): Promise<EventRecord[]> {
  const query = keyQuery({ index: feedIndex.name, pk: feedIndex.partition(userId), sk: { greaterThan: toIso(since) } });
  return queryAll<EventRecord>({
    ...query,
    // Exact to the millisecond, unlike the TTL attribute's whole seconds.
    FilterExpression: '#expiry > :now',
    ProjectionExpression: 'userId, eventId, #timestamp, #expiry, encryptedEventPayload, encryptedEventIV',
    ExpressionAttributeNames: { ...query.ExpressionAttributeNames, '#expiry': 'expiry', '#timestamp': 'timestamp' },
    ExpressionAttributeValues: { ...query.ExpressionAttributeValues, ':now': toIso(now) },
  });
}

const viewOf = (event: EventRecord): EventView => ({
  userId: event.userId,
  eventId: event.eventId,
  timestamp: event.timestamp,
  encryptedEventPayload: toBase64(event.encryptedEventPayload),
  encryptedEventIV: toBase64(event.encryptedEventIV),
  expiry: event.expiry,
});

/**
 * Deletes every event whose expiry has passed, shard by shard of the expiry
 * index; answers how many. The index lags the table, so each delete is
 * conditional: an event re-published with a later expiry meanwhile stays.
 */
export async function deleteExpiredEvents(now: Date = new Date()): Promise<number> {
  const cutoff = toIso(now);
  const counts = await mapConcurrently(expiryIndex.shards, 4, async (shard) => {
    let deleted = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await table.query<Key>({
        ...keyQuery({ index: expiryIndex.name, pk: shard, sk: { lessThan: cutoff } }),
        ProjectionExpression: 'pk, sk',
        ExclusiveStartKey: startKey,
      });
      const removed = await mapConcurrently(page.items, 10, ({ pk, sk }) => deleteIfExpired({ pk, sk }, cutoff));
      deleted += removed.filter(Boolean).length;
      startKey = page.lastKey;
    } while (startKey);
    return deleted;
  });
  return counts.reduce((sum, count) => sum + count, 0);
}

function deleteIfExpired(event: Key, cutoff: string): Promise<boolean> {
  return table.delete(event, { condition: '#expiry < :cutoff', names: { '#expiry': 'expiry' }, values: { ':cutoff': cutoff } });
}
