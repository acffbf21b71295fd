/**
 * The liftlog table: one table, generic keys, designed from the feed's access
 * patterns. Everything a user owns lives in their partition (`USER#<id>`), so
 * erasing an account is paging through one partition.
 *
 * | access pattern                                   | operation                  | key                                                        |
 * |--------------------------------------------------|----------------------------|------------------------------------------------------------|
 * | user by id (auth, GET /user/{id}, POST /users)   | GetItem / BatchGetItem     | pk `USER#<id>`, sk `PROFILE`                               |
 * | user by lookup (GET /user/{lookup}), uniqueness  | GetItem sentinel → GetItem | pk `LOOKUP#<lookup>`, sk `LOOKUP` (owner: the user's key)  |
 * | event upsert on (user, event) (PUT /event)       | PutItem                    | pk `USER#<userId>`, sk `EVENT#<eventId>`                   |
 * | a user's events after `since` (POST /events)     | Query gsi1, key condition  | gsi1pk `FEED#<userId>`, gsi1sk `<timestamp ISO>`           |
 * | events past expiry (hourly maintenance)          | Query gsi2 per shard       | gsi2pk `EXPIRY#<0..15>`, gsi2sk `<expiry ISO>`             |
 * | follow secret by (user, secret) (POST /events)   | BatchGetItem               | pk `USER#<userId>`, sk `FOLLOW#<secret>`                   |
 * | a user's inbox, oldest first (POST /inbox)       | Query                      | pk `USER#<userId>`, sk `INBOX#<receivedAt ISO>#<id>`       |
 * | shared item by id (GET /shareditem/{id})         | GetItem                    | pk `SHARED#<id>`, sk `ITEM`                                |
 * | a user's shared items (erasure)                  | Query                      | pk `USER#<userId>`, sk `SHARED#<id>` (reference item)      |
 * | everything a user owns (erasure)                 | Query                      | pk `USER#<userId>`                                         |
 * | erasures not finished (hourly sweep)             | Query                      | pk `ERASURE`, sk `<userId>`                                |
 * | picture moves not finished (hourly sweep)        | Query, sk < cut-off        | pk `PICTURE_MOVE`, sk `<startedAt ISO>#<userId>#<id>`      |
 * | a hub connection's chat (coach/chat/chat-state)  | GetItem / writes           | pk `CHAT#<connectionId>`, sk `CONNECTION`/`HISTORY`/`TURN` |
 * | AI requests of a pro token (coach/rate-limit)    | GetItem / conditional write| pk `RATE#<sha256(token)>`, sk `RATE`                       |
 *
 * Timestamps are written with `Date.toISOString()` (always `YYYY-MM-DDTHH:mm:ss.sssZ`),
 * so string order is time order and "after since" is a sort-key condition.
 *
 * Why gsi1 for the feed: "timestamp > since" becomes a key condition, so a poll
 * reads only new events, one Query per followed user, instead of every live
 * event of each. An index is eventually consistent: an event just published
 * shows up in the feed a moment later, which a polling app does not notice.
 *
 * Why picture moves are keyed by when they began: the sweep finishes only
 * moves older than a request can run, so "began before the cut-off" is a key
 * condition and moves still under way in their request are never read.
 *
 * Why a gsi2 for expiry rather than a Scan: the hourly job then reads only what
 * has expired, not the whole table. Its partition is one of 16 shards (by event
 * id) so a burst of events expiring together does not make a hot partition.
 */
import { createHash } from 'node:crypto';
import { key } from '#shared/db/keys';

/** A table item's primary key. */
export type ItemKey = { pk: string; sk: string };

export const userKey = (id: string): ItemKey => ({ pk: key('USER', id), sk: 'PROFILE' });

export const lookupKey = (lookup: string): ItemKey => ({ pk: key('LOOKUP', lookup), sk: 'LOOKUP' });

/** The partition holding everything a user owns. */
export const ownerPartition = (userId: string): string => key('USER', userId);

export const eventKey = (userId: string, eventId: string): ItemKey => ({ pk: ownerPartition(userId), sk: key('EVENT', eventId) });

export const feedIndex = {
  name: 'gsi1',
  partition: (userId: string) => key('FEED', userId),
} as const;

const EXPIRY_SHARDS = 16;

export const expiryIndex = {
  name: 'gsi2',
  shards: Array.from({ length: EXPIRY_SHARDS }, (_, shard) => key('EXPIRY', shard)),
  /** Spreads events over the shards by the last hex digit of their (random) id. */
  partitionOf: (eventId: string) => key('EXPIRY', (parseInt(eventId.slice(-1), 16) || 0) % EXPIRY_SHARDS),
} as const;

export const followSecretKey = (userId: string, secret: string): ItemKey => ({
  pk: ownerPartition(userId),
  sk: key('FOLLOW', secret),
});

export const FOLLOW_SECRETS = 'FOLLOW';

export const INBOX = 'INBOX';

export const inboxMessageKey = (userId: string, receivedAt: string, id: string): ItemKey => ({
  pk: ownerPartition(userId),
  sk: key(INBOX, receivedAt, id),
});

export const sharedItemKey = (id: string): ItemKey => ({ pk: key('SHARED', id), sk: 'ITEM' });

export const SHARED_ITEM_REFERENCE = 'SHARED';

export const sharedItemReferenceKey = (userId: string, id: string): ItemKey => ({
  pk: ownerPartition(userId),
  sk: key(SHARED_ITEM_REFERENCE, id),
});

export const ERASURES = 'ERASURE';

export const erasureKey = (userId: string): ItemKey => ({ pk: ERASURES, sk: userId });

export const PICTURE_MOVES = 'PICTURE_MOVE';

export const pictureMoveKey = (startedAt: string, userId: string, id: string): ItemKey => ({ pk: PICTURE_MOVES, sk: key(startedAt, userId, id) });

export type ChatItem = 'CONNECTION' | 'HISTORY' | 'TURN';

export const chatKey = (connectionId: string, item: ChatItem): ItemKey => ({ pk: key('CHAT', connectionId), sk: item });

/** Keyed by a hash: the token itself is a credential and never stored. */
export const rateKey = (token: string): ItemKey => ({ pk: key('RATE', createHash('sha256').update(token).digest('hex')), sk: 'RATE' });
