/**
 * The kraliki table: one table, generic keys, one partition per organization.
 *
 * Tenancy lives in the keys: everything an organization owns is under pk
 * `ORG#<orgId>`, and the org id comes only from the verified access token
 * (auth/authenticators.ts). A request naming another organization's object
 * builds a key in its own partition, finds nothing and answers 404: there is
 * no code path that could read across organizations by mistake. Only what must
 * be found without knowing the organization (an e-mail at login, a phone
 * number Twilio calls, a refresh token) has a global lookup item, and that item
 * names its owner.
 *
 * | access pattern                                    | operation                      | key                                                                 |
 * |---------------------------------------------------|--------------------------------|---------------------------------------------------------------------|
 * | the organization (name, created)                  | GetItem / Put at register      | pk `ORG#<org>`, sk `ORG`                                            |
 * | a user by id (every authenticated request)        | GetItem                        | pk `ORG#<org>`, sk `USER#<user>`                                    |
 * | an org's users (list)                             | Query begins_with              | pk `ORG#<org>`, sk `USER#`                                          |
 * | a user by e-mail (login, uniqueness, all orgs)    | GetItem sentinel / Transact    | pk `EMAIL#<lowercase e-mail>`, sk `EMAIL` (→ org, user)             |
 * | login failures of an e-mail (15-min window)       | GetItem / UpdateItem ADD (TTL) | pk `RATE#login-failures#<e-mail>#<window>`, sk `RATE`               |
 * | requests from an address (login, register)       | UpdateItem ADD (TTL)           | pk `RATE#<scope>#<ip>#<window>`, sk `RATE`                          |
 * | refresh tokens and revoked sessions               | shared/auth/refresh-tokens.ts  | pk `REFRESH#<token id>` / `REFRESH#SESSION#<session>`               |
 * | settings: the org's settings                      | GetItem / Transact             | pk `ORG#<org>`, sk `SETTINGS`                                       |
 * | settings: who owns a phone number (all orgs)      | Transact sentinel / GetItem    | pk `PHONE_NUMBER#<E.164>`, sk `PHONE_NUMBER` (→ org)                |
 * | agents: an agent by id                            | GetItem / conditional Update   | pk `ORG#<org>`, sk `AGENT#<agent>`                                  |
 * | agents: an org's agents (list, leaderboard)       | Query begins_with              | pk `ORG#<org>`, sk `AGENT#`                                         |
 * | agents: a user's agent profile (one per user)     | GetItem sentinel / Transact    | pk `ORG#<org>`, sk `AGENT_OF_USER#<user>` (→ agent)                 |
 * | agents: available agents (count)                  | Query gsi1 COUNT (sparse)      | agent item: gsi1pk `AVAILABLE_AGENTS#<org>`, gsi1sk `<agent>`       |
 * | agents: a user's call totals of one UTC day       | GetItem / UpdateItem ADD       | pk `ORG#<org>`, sk `AGENT_DAY#<YYYY-MM-DD>#<user>`                  |
 * | agents: every agent's totals of one day           | Query begins_with              | pk `ORG#<org>`, sk `AGENT_DAY#<YYYY-MM-DD>#`                        |
 * | teams: a team by id                               | GetItem / Transact             | pk `ORG#<org>`, sk `TEAM#<team>`                                    |
 * | teams: an org's teams (list)                      | Query begins_with              | pk `ORG#<org>`, sk `TEAM#`                                          |
 * | teams: a team's members (list, add, remove)       | Query begins_with / Transact   | pk `ORG#<org>`, sk `TEAM_MEMBER#<team>#<user>`                      |
 * | calls: a call by id                              | GetItem / conditional Update   | pk `ORG#<org>`, sk `CALL#<call>`                                    |
 * | calls: the call of a Twilio CallSid (webhooks)    | GetItem sentinel / Transact    | pk `CALL_SID#<CallSid>`, sk `CALL_SID` (→ org, call)                |
 * | calls: a call's transcripts (one per Twilio sid)  | Put if absent / Query          | pk `ORG#<org>`, sk `CALL_TRANSCRIPT#<call>#<TranscriptionSid>`      |
 * | calls: an org's calls (list, active calls)       | Query begins_with              | pk `ORG#<org>`, sk `CALL#`                                          |
 * | calls: an outbound create's Idempotency-Key       | Put if absent / GetItem        | pk `ORG#<org>`, sk `CALL_REQUEST#<key>` (→ call, TTL 24 h)          |
 * | ivr: a menu by id                                 | GetItem / Put / Delete         | pk `ORG#<org>`, sk `IVR_MENU#<menu>`                                |
 * | ivr: an org's menus (list)                        | Query begins_with              | pk `ORG#<org>`, sk `IVR_MENU#`                                      |
 * | ivr: the org's IVR configuration (main menu)      | GetItem / Update               | pk `ORG#<org>`, sk `IVR_CONFIG`                                     |
 * | ivr: a flow by id / an org's flows (list)         | Put / Query begins_with        | pk `ORG#<org>`, sk `IVR_FLOW#<flow>`                                |
 * | campaigns: a campaign by id (its contact count)   | GetItem / Transact             | pk `ORG#<org>`, sk `CAMPAIGN#<campaign>`                            |
 * | campaigns: an org's campaigns (list)              | Query begins_with              | pk `ORG#<org>`, sk `CAMPAIGN#`                                      |
 * | contacts: a contact by id                         | GetItem / Transact             | pk `ORG#<org>`, sk `CONTACT#<contact>`                              |
 * | contacts: an org's contacts (list)                | Query begins_with              | pk `ORG#<org>`, sk `CONTACT#`                                       |
 * | contacts: a campaign's contacts (list)            | Query gsi1                     | contact: gsi1pk `CAMPAIGN_CONTACTS#<org>#<campaign>`, gsi1sk `<created>#<contact>` |
 * | contacts: a number's contact in a campaign (unique) | Transact sentinel / BatchGet | pk `ORG#<org>`, sk `CONTACT_PHONE#<campaign>#<E.164>` (→ contact)   |
 * | contacts: a CSV import's progress                 | GetItem / conditional Update   | pk `ORG#<org>`, sk `CONTACT_IMPORT#<job>`                           |
 * | analytics: the org's calls of one hour / day      | UpdateItem ADD / Query between | pk `ORG#<org>`, sk `CALL_STATS#<HOUR|DAY>#<YYYY-MM-DD[THH]>`         |
 * | analytics: an agent's calls of one hour / day     | UpdateItem ADD / Query between | pk `ORG#<org>`, sk `AGENT_CALL_STATS#<user>#<HOUR|DAY>#<period>`     |
 * | analytics: every agent's totals over days         | Query between                  | pk `ORG#<org>`, sk `AGENT_DAY#<from>#` … `AGENT_DAY#<to>#~`          |
 * | analytics: a campaign's call totals               | UpdateItem ADD / Query begins  | pk `ORG#<org>`, sk `CAMPAIGN_CALL_STATS#<campaign>`                 |
 * | analytics: a finished call counted once           | Put if absent (in the Transact)| pk `ORG#<org>`, sk `CALL_COUNTED#<call>` (TTL 90 days)              |
 * | analytics: calls in progress (count)              | Transact Put / Delete / COUNT  | pk `ORG#<org>`, sk `ACTIVE_CALL#<call>`                             |
 * | reports: a report by id / the org's reports       | GetItem / Query begins_with    | pk `ORG#<org>`, sk `REPORT#<report>` (ids sort by time)             |
 * | notifications: a user's, newest first             | Query begins_with, backwards   | pk `ORG#<org>`, sk `NOTIFICATION#<user>#<notification>` (TTL 30 d) |
 * | notifications: a user's unread (count, read all)  | Query gsi1 COUNT (sparse)      | gsi1pk `UNREAD_NOTIFICATIONS#<org>#<user>`, gsi1sk `<notification>` |
 * | dialer: active OUTBOUND campaigns (all orgs, tick) | Query gsi1 (sparse)            | campaign: gsi1pk `DIALER_CAMPAIGNS`, gsi1sk `<org>#<campaign>`      |
 * | dialer: an org's pacing bucket (next call slot)   | GetItem / TransactWrite      | pk `ORG#<org>`, sk `DIALER_PACE` (TTL)                              |
 * | dialer: the Twilio account's pacing bucket        | GetItem / TransactWrite      | pk `TWILIO_ACCOUNT#<sid>`, sk `DIALER_PACE` (TTL)                   |
 * | queues: calls waiting in one of the org's queues  | Transact ADD / Query begins    | pk `ORG#<org>`, sk `QUEUE_SIZE#<queue>`                             |
 * | queues: a call counted into a queue (once)        | Transact Put if absent / Update| pk `ORG#<org>`, sk `QUEUED_CALL#<call>` (TTL 1 day)                 |
 *
 * The available-agents index is sparse: an agent item carries gsi1pk/gsi1sk
 * only while it is AVAILABLE with `current_load < max_capacity`; every write of
 * an agent's status, load or capacity goes through agents/agents.ts
 * (`updateAgent`), which sets or removes them with the change.
 *
 * Feature modules add their rows above as they add key functions. Ids are
 * random UUIDs; parts are escaped by `key()`, so no value can forge a separator.
 */
import { key, prefix } from '#shared/db/keys';
import type { LiveKeys, LiveScope } from '#shared/ws/tenant-connections';

/** A table item's primary key. */
export type ItemKey = { pk: string; sk: string };

/** The partition holding everything an organization owns. */
export const orgPartition = (orgId: string): string => key('ORG', orgId);

export const orgKey = (orgId: string): ItemKey => ({ pk: orgPartition(orgId), sk: 'ORG' });

// ---- users, e-mails, login limits ----

export const USER_PREFIX = prefix('USER');
export const userKey = (orgId: string, userId: string): ItemKey => ({ pk: orgPartition(orgId), sk: key('USER', userId) });

/** E-mails are unique across organizations: login finds the user (and her org) from it. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();
export const emailKey = (email: string): ItemKey => ({ pk: key('EMAIL', normalizeEmail(email)), sk: 'EMAIL' });

export const rateKey = (scope: string, subject: string, windowStart: number): ItemKey => ({ pk: key('RATE', scope, subject, windowStart), sk: 'RATE' });

// ---- settings and phone numbers ----

export const settingsKey = (orgId: string): ItemKey => ({ pk: orgPartition(orgId), sk: 'SETTINGS' });
/** The sentinel that makes a number one organization's; inbound calls find the org from it. */
export const phoneNumberKey = (e164: string): ItemKey => ({ pk: key('PHONE_NUMBER', e164), sk: 'PHONE_NUMBER' });

// ---- agents ----

export const AGENT_PREFIX = prefix('AGENT');
export const agentKey = (orgId: string, agentId: string): ItemKey => ({ pk: orgPartition(orgId), sk: key('AGENT', agentId) });
export const agentOfUserKey = (orgId: string, userId: string): ItemKey => ({ pk: orgPartition(orgId), sk: key('AGENT_OF_USER', userId) });
export const AVAILABLE_AGENTS_INDEX = 'gsi1';
export const availableAgentsPartition = (orgId: string): string => key('AVAILABLE_AGENTS', orgId);

/** `day` is `YYYY-MM-DD` (UTC). */
export const agentDayKey = (orgId: string, day: string, userId: string): ItemKey => ({ pk: orgPartition(orgId), sk: key('AGENT_DAY', day, userId) });
export const agentDayPrefix = (day: string): string => prefix('AGENT_DAY', day);

// ---- teams ----

export const TEAM_PREFIX = prefix('TEAM');
export const teamKey = (orgId: string, teamId: string): ItemKey => ({ pk: orgPartition(orgId), sk: key('TEAM', teamId) });
export const teamMemberKey = (orgId: string, teamId: string, userId: string): ItemKey => ({ pk: orgPartition(orgId), sk: key('TEAM_MEMBER', teamId, userId) });
export const teamMembersPrefix = (teamId: string): string => prefix('TEAM_MEMBER', teamId);

// ---- calls (the records Twilio's webhooks create and update) and the IVR ----

export const callKey = (orgId: string, callId: string): ItemKey => ({ pk: orgPartition(orgId), sk: key('CALL', callId) });
/** Twilio's CallSid → the call: written with the call, so webhooks find a call without knowing its org. */
export const callSidKey = (callSid: string): ItemKey => ({ pk: key('CALL_SID', callSid), sk: 'CALL_SID' });
export const callTranscriptKey = (orgId: string, callId: string, transcriptionSid: string): ItemKey => ({
  pk: orgPartition(orgId),
  sk: key('CALL_TRANSCRIPT', callId, transcriptionSid),
});
export const callTranscriptsPrefix = (callId: string): string => prefix('CALL_TRANSCRIPT', callId);

// ---- calls API: listing and outbound creates (calls/outbound.ts) ----

export const CALL_PREFIX = prefix('CALL');
/** A client's Idempotency-Key of an outbound create: the call it made, so a retried request never places a second Twilio call. */
export const callRequestKey = (orgId: string, idempotencyKey: string): ItemKey => ({ pk: orgPartition(orgId), sk: key('CALL_REQUEST', idempotencyKey) });

export const IVR_MENU_PREFIX = prefix('IVR_MENU');
export const ivrMenuKey = (orgId: string, menuId: string): ItemKey => ({ pk: orgPartition(orgId), sk: key('IVR_MENU', menuId) });
export const ivrConfigKey = (orgId: string): ItemKey => ({ pk: orgPartition(orgId), sk: 'IVR_CONFIG' });
export const IVR_FLOW_PREFIX = prefix('IVR_FLOW');
export const ivrFlowKey = (orgId: string, flowId: string): ItemKey => ({ pk: orgPartition(orgId), sk: key('IVR_FLOW', flowId) });

// ---- campaigns and contacts (campaigns/campaigns.ts, contacts/contacts.ts, contacts/import.ts) ----

export const CAMPAIGN_PREFIX = prefix('CAMPAIGN');
export const campaignKey = (orgId: string, campaignId: string): ItemKey => ({ pk: orgPartition(orgId), sk: key('CAMPAIGN', campaignId) });

export const CONTACT_PREFIX = prefix('CONTACT');
export const contactKey = (orgId: string, contactId: string): ItemKey => ({ pk: orgPartition(orgId), sk: key('CONTACT', contactId) });
export const CAMPAIGN_CONTACTS_INDEX = 'gsi1';
export const campaignContactsPartition = (orgId: string, campaignId: string): string => key('CAMPAIGN_CONTACTS', orgId, campaignId);
/** A number is one contact's within a campaign: the sentinel names it (`owner`). */
export const contactPhoneKey = (orgId: string, campaignId: string, e164: string): ItemKey => ({
  pk: orgPartition(orgId),
  sk: key('CONTACT_PHONE', campaignId, e164),
});
export const contactImportKey = (orgId: string, jobId: string): ItemKey => ({ pk: orgPartition(orgId), sk: key('CONTACT_IMPORT', jobId) });

// ---- outbound dialer (campaigns/dialer.ts) ----

/** Campaigns being dialed carry these index keys (an OUTBOUND campaign while active), so the tick finds them without a Scan. */
export const DIALER_CAMPAIGNS_INDEX = 'gsi1';
export const DIALER_CAMPAIGNS_PARTITION = 'DIALER_CAMPAIGNS';
export const dialerCampaignSortKey = (orgId: string, campaignId: string): string => key(orgId, campaignId);
/** The organization's call pacing (a GCRA bucket): every campaign's dials share its rate. */
export const dialerPaceKey = (orgId: string): ItemKey => ({ pk: orgPartition(orgId), sk: 'DIALER_PACE' });
/** The Twilio account's call pacing: every organization dials through the one account, so all dials share its rate. */
export const twilioAccountPaceKey = (accountSid: string): ItemKey => ({ pk: key('TWILIO_ACCOUNT', accountSid), sk: 'DIALER_PACE' });

// ---- analytics, reports, notifications (analytics/aggregates.ts, reports/reports.ts, notifications/notifications.ts) ----
//
// Figures are counted when a call finishes (once, claimed by its CALL_COUNTED item in the same
// transaction as the counters), into fixed-width UTC periods, so a period range is one Query
// `between` two keys and never reads a call. Ids of reports and notifications start with their
// creation time (13-digit epoch milliseconds), so a partition's key order is their time order.

export type StatsGranularity = 'HOUR' | 'DAY';
/** `period`: `YYYY-MM-DDTHH` for an hour, `YYYY-MM-DD` for a day (UTC). */
export const callStatsKey = (orgId: string, granularity: StatsGranularity, period: string): ItemKey => ({
  pk: orgPartition(orgId),
  sk: key('CALL_STATS', granularity, period),
});
export const agentCallStatsKey = (orgId: string, userId: string, granularity: StatsGranularity, period: string): ItemKey => ({
  pk: orgPartition(orgId),
  sk: key('AGENT_CALL_STATS', userId, granularity, period),
});
/** The sort keys bounding periods `from`..`to` (inclusive) of the org's counters, or of one agent's (user id). */
export const callStatsRange = (granularity: StatsGranularity, from: string, to: string, userId?: string): [string, string] =>
  userId
    ? [key('AGENT_CALL_STATS', userId, granularity, from), key('AGENT_CALL_STATS', userId, granularity, to)]
    : [key('CALL_STATS', granularity, from), key('CALL_STATS', granularity, to)];
/** Every agent's day totals (`AGENT_DAY#<day>#<user>`) of days `fromDay`..`toDay`: `~` sorts after every escaped user id. */
export const agentDaysRange = (fromDay: string, toDay: string): [string, string] => [prefix('AGENT_DAY', fromDay), `${prefix('AGENT_DAY', toDay)}~`];
export const campaignCallStatsKey = (orgId: string, campaignId: string): ItemKey => ({ pk: orgPartition(orgId), sk: key('CAMPAIGN_CALL_STATS', campaignId) });
export const CAMPAIGN_CALL_STATS_PREFIX = prefix('CAMPAIGN_CALL_STATS');
export const callCountedKey = (orgId: string, callId: string): ItemKey => ({ pk: orgPartition(orgId), sk: key('CALL_COUNTED', callId) });
export const activeCallKey = (orgId: string, callId: string): ItemKey => ({ pk: orgPartition(orgId), sk: key('ACTIVE_CALL', callId) });
export const ACTIVE_CALL_PREFIX = prefix('ACTIVE_CALL');

export const reportKey = (orgId: string, reportId: string): ItemKey => ({ pk: orgPartition(orgId), sk: key('REPORT', reportId) });
export const REPORT_PREFIX = prefix('REPORT');

export const notificationKey = (orgId: string, userId: string, notificationId: string): ItemKey => ({
  pk: orgPartition(orgId),
  sk: key('NOTIFICATION', userId, notificationId),
});
export const notificationsPrefix = (userId: string): string => prefix('NOTIFICATION', userId);
export const UNREAD_NOTIFICATIONS_INDEX = 'gsi1';
export const unreadNotificationsPartition = (orgId: string, userId: string): string => key('UNREAD_NOTIFICATIONS', orgId, userId);

// ---- call queues (queues/queue-sizes.ts): a counter per queue, moved in the same transaction as the call's marker ----

export const queueSizeKey = (orgId: string, queue: string): ItemKey => ({ pk: orgPartition(orgId), sk: key('QUEUE_SIZE', queue) });
export const QUEUE_SIZE_PREFIX = prefix('QUEUE_SIZE');
export const queuedCallKey = (orgId: string, callId: string): ItemKey => ({ pk: orgPartition(orgId), sk: key('QUEUED_CALL', callId) });

// ---- live events (WebSocket connections, shared/ws/tenant-connections.ts) ----
//
// | access pattern                                        | operation                  | key                                                                     |
// |-------------------------------------------------------|----------------------------|-------------------------------------------------------------------------|
// | a connection by id ($disconnect, room actions)        | GetItem / Transact (TTL)   | pk `LIVE_CONN#<connectionId>`, sk `LIVE_CONN`                            |
// | an organization's connections (events to everyone)    | Query begins_with (TTL)    | pk `LIVE#<orgId>`, sk `CONN#<connectionId>`                              |
// | a user's connections (events to one user)             | Query begins_with (TTL)    | pk `LIVE#<orgId>`, sk `USER#<userId>#<connectionId>`                     |
// | a room's connections                                  | Query begins_with (TTL)    | pk `LIVE#<orgId>`, sk `ROOM#<room>#<connectionId>`                       |
// | connection attempts per address per minute            | UpdateItem ADD (TTL)       | pk `RATE#live-connect#<ip>#<window start>`, sk `RATE`                    |

const liveScopeParts = (scope: LiveScope): string[] =>
  scope.kind === 'org' ? ['CONN'] : scope.kind === 'user' ? ['USER', scope.userId] : ['ROOM', scope.room];
export const liveKeys: LiveKeys = {
  connection: (connectionId) => ({ pk: key('LIVE_CONN', connectionId), sk: 'LIVE_CONN' }),
  member: (orgId, scope, connectionId) => ({ pk: key('LIVE', orgId), sk: key(...liveScopeParts(scope), connectionId) }),
  audience: (orgId, scope) => ({ pk: key('LIVE', orgId), prefix: prefix(...liveScopeParts(scope)) }),
  connectAttempts: (sourceIp, windowStart) => rateKey('live-connect', sourceIp, windowStart),
};
