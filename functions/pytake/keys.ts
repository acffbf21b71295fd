/**
 * The pytake table: one table, generic keys. Everything an organization owns
 * lives in its partition (`ORG#<orgId>`), and the organization comes only from
 * the verified access token, so another organization's id is simply not found.
 * What must be found by something else than the organization (an e-mail at
 * login) has a small lookup item of its own.
 *
 * | access pattern                                    | operation                  | key                                                          |
 * |---------------------------------------------------|----------------------------|--------------------------------------------------------------|
 * | organization (GET/PUT /organizations/me)          | GetItem / Update           | pk `ORG#<orgId>`, sk `ORG`                                   |
 * | user by id (every authenticated request)          | GetItem                    | pk `ORG#<orgId>`, sk `USER#<userId>`                         |
 * | users of an organization (GET /users)             | Query begins_with          | pk `ORG#<orgId>`, sk `USER#`                                 |
 * | user by e-mail (login, uniqueness across orgs)    | GetItem / conditional Put  | pk `EMAIL#<lowercase e-mail>`, sk `EMAIL` (owner → user key) |
 * | a user's skills                                   | Query begins_with          | pk `ORG#<orgId>`, sk `SKILL#<userId>#<skillId>`              |
 * | fixed-window counters (login limits)              | UpdateItem ADD (TTL)       | pk `RATE#<scope>#<subject>#<window start>`, sk `RATE`        |
 * | refresh tokens and revoked sessions               | shared/auth/refresh-tokens | pk `REFRESH#<id>` / `REFRESH#SESSION#<id>`                   |
 * | contacts of an organization                       | GetItem / Query            | pk `ORG#<orgId>`, sk `CONTACT#<contactId>`                   |
 * | contacts of an organization, newest first         | Query gsi1 (descending)    | gsi1pk `CONTACTS#<orgId>`, gsi1sk `<created_at>#<contactId>` |
 * | contact by WhatsApp id (unique per organization)  | GetItem / conditional Put  | pk `ORG#<orgId>`, sk `CONTACT_WA#<wa_id>` (→ contactId)      |
 * | contact tags of an organization                   | GetItem / Query            | pk `ORG#<orgId>`, sk `TAG#<tagId>`                           |
 * | tag by name (unique per organization)             | conditional Put            | pk `ORG#<orgId>`, sk `TAG_NAME#<lowercase name>` (→ tagId)   |
 *
 * Feature modules add their rows as they add key functions. Ids are UUIDs, as
 * in the original; timestamps in keys are `Date.toISOString()`.
 */
import { createHash } from 'node:crypto';
import { key, prefix } from '#shared/db/keys';
import type { LiveKeys, LiveScope } from '#shared/ws/tenant-connections';

/** A table item's primary key. */
export type ItemKey = { pk: string; sk: string };

/** The partition holding everything an organization owns. */
export const orgPartition = (orgId: string): string => key('ORG', orgId);

export const orgKey = (orgId: string): ItemKey => ({ pk: orgPartition(orgId), sk: 'ORG' });

export const USER_PREFIX = prefix('USER');
export const userKey = (orgId: string, userId: string): ItemKey => ({ pk: orgPartition(orgId), sk: key('USER', userId) });

/** E-mails are unique across organizations (login names the e-mail only). */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();
export const emailKey = (email: string): ItemKey => ({ pk: key('EMAIL', normalizeEmail(email)), sk: 'EMAIL' });

export const SKILL_PREFIX = prefix('SKILL');
export const skillPrefix = (userId: string): string => prefix('SKILL', userId);
export const skillKey = (orgId: string, userId: string, skillId: string): ItemKey => ({ pk: orgPartition(orgId), sk: key('SKILL', userId, skillId) });

/** A counter's subject never shows an e-mail in a key: it is hashed. */
export const subjectHash = (value: string): string => createHash('sha256').update(value).digest('hex').slice(0, 32);
export const rateKey = (scope: string, subject: string, windowStart: number): ItemKey => ({ pk: key('RATE', scope, subject, windowStart), sk: 'RATE' });

// ---- contacts and tags ----

export const CONTACT_PREFIX = prefix('CONTACT');
export const contactKey = (orgId: string, contactId: string): ItemKey => ({ pk: orgPartition(orgId), sk: key('CONTACT', contactId) });
/** Set on every live contact (removed when it is deleted), so lists page newest first and date ranges are key ranges. */
export const contactIndexKeys = (orgId: string, createdAt: string, contactId: string) => ({
  gsi1pk: key('CONTACTS', orgId),
  gsi1sk: key(createdAt, contactId),
});
/** The contact a WhatsApp id belongs to, within one organization (the same customer may write to two organizations). */
export const contactByWhatsappKey = (orgId: string, whatsappId: string): ItemKey => ({ pk: orgPartition(orgId), sk: key('CONTACT_WA', whatsappId) });

export const TAG_PREFIX = prefix('TAG');
export const tagKey = (orgId: string, tagId: string): ItemKey => ({ pk: orgPartition(orgId), sk: key('TAG', tagId) });
export const tagNameKey = (orgId: string, name: string): ItemKey => ({ pk: orgPartition(orgId), sk: key('TAG_NAME', name.trim().toLowerCase()) });

// ---- WhatsApp numbers, templates, the Meta webhook and what inbound messages store ----
//
// | access pattern                                        | operation                 | key                                                                   |
// |-------------------------------------------------------|---------------------------|-----------------------------------------------------------------------|
// | numbers of an organization (GET /whatsapp)            | Query begins_with         | pk `ORG#<orgId>`, sk `WANUMBER#<numberId>`                            |
// | number by Meta phone_number_id (webhook; unique)      | GetItem / conditional Put | pk `WAPHONE#<phone_number_id>`, sk `WAPHONE` (owner, sealed secret)   |
// | numbers configured with a verify token (handshake)    | Query Limit 1             | pk `WAVERIFY#<sha256(token)>`, sk `WANUMBER#<numberId>`               |
// | a number's message templates                          | GetItem / Query           | pk `ORG#<orgId>`, sk `WATEMPLATE#<numberId>#<templateId>`             |
// | conversation by id                                    | GetItem                   | pk `ORG#<orgId>`, sk `CONVERSATION#<conversationId>`                  |
// | a contact's open conversation on a number             | GetItem / conditional Put | pk `ORG#<orgId>`, sk `OPEN_CONVERSATION#<contactId>#<numberId>`       |
// | a conversation's messages, oldest first               | Query begins_with         | pk `ORG#<orgId>`, sk `MESSAGE#<conversationId>#<createdAt>#<id>`      |
// | message by WhatsApp id (dedup, statuses)              | conditional Put / GetItem | pk `ORG#<orgId>`, sk `WAMID#<wamid>` (→ the message's sort key)       |

export const WANUMBER_PREFIX = prefix('WANUMBER');
export const whatsappNumberKey = (orgId: string, numberId: string): ItemKey => ({ pk: orgPartition(orgId), sk: key('WANUMBER', numberId) });
/** Meta's phone_number_id is unique across organizations: the webhook finds its number (and app secret) by it. */
export const phoneNumberIdKey = (phoneNumberId: string): ItemKey => ({ pk: key('WAPHONE', phoneNumberId), sk: 'WAPHONE' });
/** The verify token never appears in a key: it is hashed. */
export const verifyTokenPartition = (token: string): string => key('WAVERIFY', createHash('sha256').update(token).digest('hex'));
export const verifyTokenKey = (token: string, numberId: string): ItemKey => ({ pk: verifyTokenPartition(token), sk: key('WANUMBER', numberId) });

export const templatePrefix = (numberId: string): string => prefix('WATEMPLATE', numberId);
export const templateKey = (orgId: string, numberId: string, templateId: string): ItemKey => ({
  pk: orgPartition(orgId),
  sk: key('WATEMPLATE', numberId, templateId),
});

export const CONVERSATION_PREFIX = prefix('CONVERSATION');
export const conversationKey = (orgId: string, conversationId: string): ItemKey => ({ pk: orgPartition(orgId), sk: key('CONVERSATION', conversationId) });
export const openConversationKey = (orgId: string, contactId: string, numberId: string): ItemKey => ({
  pk: orgPartition(orgId),
  sk: key('OPEN_CONVERSATION', contactId, numberId),
});
export const messagePrefix = (conversationId: string): string => prefix('MESSAGE', conversationId);
export const messageKey = (orgId: string, conversationId: string, createdAt: string, messageId: string): ItemKey => ({
  pk: orgPartition(orgId),
  sk: key('MESSAGE', conversationId, createdAt, messageId),
});
export const wamidKey = (orgId: string, wamid: string): ItemKey => ({ pk: orgPartition(orgId), sk: key('WAMID', wamid) });

// ---- inbox: departments, queues, pulling and paced sending ----
//
// | access pattern                                        | operation                  | key                                                                    |
// |-------------------------------------------------------|----------------------------|------------------------------------------------------------------------|
// | departments of an organization                        | GetItem / Query            | pk `ORG#<orgId>`, sk `DEPARTMENT#<departmentId>`                       |
// | queues of an organization                             | GetItem / Query            | pk `ORG#<orgId>`, sk `QUEUE#<queueId>`                                 |
// | conversations waiting, highest priority then oldest   | Query begins_with Limit    | pk `ORG#<orgId>`, sk `QUEUED#<999 - priority>#<queued_at>#<convId>`    |
// | conversations of an organization (inbox lists)        | Query begins_with          | pk `ORG#<orgId>`, sk `CONVERSATION#` (filters on agent, queue, tag)    |
// | conversations of an organization in one status        | Query gsi1                 | gsi1pk `CONVERSATIONS#<orgId>#<status>`, gsi1sk `<created_at>#<convId>` |
// | sends per conversation per minute                     | UpdateItem ADD (TTL)       | pk `RATE#conversation-send#<convId>#<window start>`, sk `RATE`         |
// | pacing of a number / of one recipient on a number     | conditional Update (GCRA)  | pk `PACE#number#<numberId>` / `PACE#recipient#<numberId>#<contactId>`  |

export const DEPARTMENT_PREFIX = prefix('DEPARTMENT');
export const departmentKey = (orgId: string, departmentId: string): ItemKey => ({ pk: orgPartition(orgId), sk: key('DEPARTMENT', departmentId) });
export const QUEUE_PREFIX = prefix('QUEUE');
export const queueKey = (orgId: string, queueId: string): ItemKey => ({ pk: orgPartition(orgId), sk: key('QUEUE', queueId) });
export const QUEUED_PREFIX = prefix('QUEUED');
/** Higher priorities sort first (999 - priority, zero-padded), then the longest wait. */
export const queuedKey = (orgId: string, priority: number, queuedAt: string, conversationId: string): ItemKey => ({
  pk: orgPartition(orgId),
  sk: key('QUEUED', String(999 - priority).padStart(3, '0'), queuedAt, conversationId),
});
/** Set on every conversation and moved with its status, so a status's conversations are one index partition. */
export const conversationIndexKeys = (orgId: string, status: string, createdAt: string, conversationId: string) => ({
  gsi1pk: key('CONVERSATIONS', orgId, status),
  gsi1sk: key(createdAt, conversationId),
});
export const paceKey = (scope: 'number' | 'recipient', ...ids: string[]): ItemKey => ({ pk: key('PACE', scope, ...ids), sk: 'PACE' });

// ---- notifications, SLA alerts, queue metrics and ratings, the platform's organizations ----
//
// | access pattern                                        | operation                  | key                                                                     |
// |-------------------------------------------------------|----------------------------|-------------------------------------------------------------------------|
// | a user's notification by id (read, one per event)     | GetItem / conditional Put  | pk `ORG#<orgId>`, sk `NOTIFICATION#<userId>#<notificationId>`           |
// | a user's notifications, newest first                  | Query gsi1 (descending)    | gsi1pk `NOTIFICATIONS#<orgId>#<userId>`, gsi1sk `<created_at>#<id>`      |
// | a user's notification preferences                     | GetItem / Put              | pk `ORG#<orgId>`, sk `NOTIFY_PREFS#<userId>`                            |
// | notification e-mails per user per hour (cap)          | UpdateItem ADD (TTL)       | pk `RATE#notify-email#<userId>#<hour start>`, sk `RATE`                  |
// | waiting conversations by SLA due time, all orgs       | Query gsi1 lessThan now    | gsi1pk `SLA_DUE#<shard>`, gsi1sk `<due>#<orgId>#<convId>` (QUEUED# item) |
// | a queue's wait samples in a period                    | Query between              | pk `ORG#<orgId>`, sk `QUEUE_WAIT#<queueId>#<assigned_at>#<convId>`       |
// | a queue's ratings in a period                         | Query between              | pk `ORG#<orgId>`, sk `RATING#<queueId>#<rated_at>#<convId>`             |
// | a conversation's rating (one each)                    | conditional Put            | pk `ORG#<orgId>`, sk `RATING_OF#<convId>`                               |
// | every organization, newest first (super_admin)        | Query gsi1 (descending)    | gsi1pk `ORGANIZATIONS`, gsi1sk `<created_at>#<orgId>` (ORG item)         |

export const notificationPrefix = (userId: string): string => prefix('NOTIFICATION', userId);
export const notificationKey = (orgId: string, userId: string, notificationId: string): ItemKey => ({
  pk: orgPartition(orgId),
  sk: key('NOTIFICATION', userId, notificationId),
});
export const notificationIndexKeys = (orgId: string, userId: string, createdAt: string, notificationId: string) => ({
  gsi1pk: key('NOTIFICATIONS', orgId, userId),
  gsi1sk: key(createdAt, notificationId),
});
export const notificationPreferencesKey = (orgId: string, userId: string): ItemKey => ({ pk: orgPartition(orgId), sk: key('NOTIFY_PREFS', userId) });

/** Spreads the SLA timers of every organization over a few index partitions; the sweep reads each. */
export const SLA_SHARDS = 4;
export const slaDuePartition = (shard: number): string => key('SLA_DUE', shard);
export const slaDueIndexKeys = (orgId: string, conversationId: string, dueAt: string) => ({
  gsi1pk: slaDuePartition(Number.parseInt(createHash('sha256').update(conversationId).digest('hex').slice(0, 8), 16) % SLA_SHARDS),
  gsi1sk: key(dueAt, orgId, conversationId),
});

export const queueWaitPrefix = (queueId: string): string => prefix('QUEUE_WAIT', queueId);
export const queueWaitKey = (orgId: string, queueId: string, assignedAt: string, conversationId: string): ItemKey => ({
  pk: orgPartition(orgId),
  sk: key('QUEUE_WAIT', queueId, assignedAt, conversationId),
});
export const ratingPrefix = (queueId: string): string => prefix('RATING', queueId);
export const ratingKey = (orgId: string, queueId: string, ratedAt: string, conversationId: string): ItemKey => ({
  pk: orgPartition(orgId),
  sk: key('RATING', queueId, ratedAt, conversationId),
});
export const ratingOfKey = (orgId: string, conversationId: string): ItemKey => ({ pk: orgPartition(orgId), sk: key('RATING_OF', conversationId) });

export const ORGANIZATIONS_PARTITION = 'ORGANIZATIONS';
export const organizationIndexKeys = (createdAt: string, orgId: string) => ({ gsi1pk: ORGANIZATIONS_PARTITION, gsi1sk: key(createdAt, orgId) });

// ---- live events (WebSocket connections, shared/ws/tenant-connections.ts) ----
//
// | access pattern                                        | operation                  | key                                                                     |
// |-------------------------------------------------------|----------------------------|-------------------------------------------------------------------------|
// | a connection by id ($disconnect, room actions)        | GetItem / Transact (TTL)   | pk `LIVE_CONN#<connectionId>`, sk `LIVE_CONN`                            |
// | an organization's connections (events to everyone)    | Query begins_with (TTL)    | pk `LIVE#<orgId>`, sk `CONN#<connectionId>`                              |
// | a user's connections (events to one user)             | Query begins_with (TTL)    | pk `LIVE#<orgId>`, sk `USER#<userId>#<connectionId>`                     |
// | a room's connections (`conversation:<id>`)            | Query begins_with (TTL)    | pk `LIVE#<orgId>`, sk `ROOM#<room>#<connectionId>`                       |
// | connection attempts per address per minute            | UpdateItem ADD (TTL)       | pk `RATE#live-connect#<ip>#<window start>`, sk `RATE`                    |

const liveScopeParts = (scope: LiveScope): string[] =>
  scope.kind === 'org' ? ['CONN'] : scope.kind === 'user' ? ['USER', scope.userId] : ['ROOM', scope.room];
export const liveKeys: LiveKeys = {
  connection: (connectionId) => ({ pk: key('LIVE_CONN', connectionId), sk: 'LIVE_CONN' }),
  member: (orgId, scope, connectionId) => ({ pk: key('LIVE', orgId), sk: key(...liveScopeParts(scope), connectionId) }),
  audience: (orgId, scope) => ({ pk: key('LIVE', orgId), prefix: prefix(...liveScopeParts(scope)) }),
  connectAttempts: (sourceIp, windowStart) => rateKey('live-connect', sourceIp, windowStart),
};
