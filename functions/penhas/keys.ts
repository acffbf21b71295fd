/**
 * The penhas table: one table, generic keys. Everything a user owns lives in
 * her partition (`USER#<id>`), so deleting an account is paging through one
 * partition; what must be found by something else than the owner (an e-mail
 * at login, a session id in a token, a guardian's invite token) has a small
 * lookup item of its own.
 *
 * | access pattern                                   | operation                  | key                                                          |
 * |--------------------------------------------------|----------------------------|--------------------------------------------------------------|
 * | user by id (every authenticated request)         | GetItem / BatchGetItem     | pk `USER#<id>`, sk `PROFILE`                                 |
 * | user by e-mail (login, signup uniqueness)        | GetItem sentinel           | pk `EMAIL#<lowercase e-mail>`, sk `EMAIL` (→ userId)         |
 * | CPF uniqueness (signup)                          | conditional Put sentinel   | pk `CPF#<sha256(cpf)>`, sk `CPF` (→ userId)                  |
 * | session by id (every authenticated request)      | BatchGetItem with the user | pk `SESSION#<sessionId>`, sk `SESSION` (→ userId)            |
 * | a user's sessions (logout everywhere, deletion)  | Query                      | pk `USER#<id>`, sk `SESSION#<sessionId>`                     |
 * | numeric ids (users, guardians, tasks…)           | UpdateItem ADD             | pk `SEQUENCE#<name>`, sk `SEQUENCE`                          |
 * | fixed-window request counters                    | UpdateItem ADD (TTL)       | pk `RATE#<scope>#<subject>#<window start>`, sk `RATE`        |
 * | everything a user owns (deletion)                | Query                      | pk `USER#<id>`                                               |
 * | accounts: a user's failed logins in the last hour | Query COUNT (TTL 1 h)      | pk `USER#<id>`, sk `LOGIN_ERROR#<ISO time>#<random>`         |
 * | accounts: CPF registry answers (cache)           | GetItem / Put (TTL)        | pk `CPF_CACHE#<sha256(cpf + birth date)>`, sk `CPF_CACHE`    |
 * | accounts: her password reset code (the latest)   | GetItem / Put / Update     | pk `USER#<id>`, sk `PASSWORD_RESET`                           |
 * | messaging: an e-mail claimed or sent (idempotency) | conditional Update (TTL) | pk `EMAIL_SENT#<job id>`, sk `EMAIL_SENT`                    |
 * | me: notification preferences chosen             | GetItem / Put              | pk `USER#<id>`, sk `PREFERENCES` (map name → '0'/'1')         |
 * | me: profiles she blocked (who blocked X)         | conditional Put / Query gsi1 | pk `USER#<id>`, sk `BLOCK#<blocked id>`; gsi1 `BLOCKED#<X>`, `<id>` |
 * | me: profiles she reported (reports against X)    | Put / Query gsi1           | pk `USER#<id>`, sk `REPORT#<id>`; gsi1 `REPORTED#<X>`, `<ISO>#<id>` |
 * | me: each press of "call the police"              | Put                        | pk `USER#<id>`, sk `POLICE_CALL#<ISO time>#<random>`         |
 * | me: accounts due for deletion (every minute)     | Query gsi1 (sk < now)      | user item: gsi1pk `DELETION_DUE`, gsi1sk `<perform_delete_at ISO>#<id>` |
 * | accounts: the active accounts (broadcast fan-out, 4 shards in parallel) | Query gsi1 per shard | user item while active: gsi1pk `ACTIVE_ACCOUNTS#<id mod 4>`, gsi1sk `<000000000000 id>` |
 * | maintenance: a one-off step finished (the seed skips it) | GetItem / Put  | pk `MAINTENANCE`, sk `<step name>`                            |
 * | me: what a deletion leaves (hashes and dates)    | conditional Put            | pk `DELETE_LOG#<user id>`, sk `DELETE_LOG`                   |
 * | timeline: a tweet (post or comment)               | GetItem / BatchGetItem     | pk `TWEET#<tweet id>`, sk `TWEET` (ids `YYMMDDTHHMMSSnnnn`, time-ordered) |
 * | timeline: published posts, newest first           | Query gsi1                 | gsi1pk `TIMELINE`, gsi1sk `<tweet id>`                       |
 * | timeline: a tweet's published comments            | Query gsi1                 | gsi1pk `REPLIES#<parent id>`, gsi1sk `<tweet id>`            |
 * | timeline: her tweets (all_myself; refs → tweet)   | Query                      | pk `USER#<id>`, sk `TWEET#<tweet id>`                        |
 * | timeline: her like of a tweet (idempotent)        | conditional Put in a Transact | pk `TWEET#<tweet id>`, sk `LIKE#<user id>` (her ref: sk `TWEET_LIKE#<tweet id>`) |
 * | timeline: her report of a tweet                   | Put                        | pk `USER#<id>`, sk `TWEET_REPORT#<000000000 id>`             |
 * | timeline: an uploaded image (by id, download)     | GetItem / BatchGetItem     | pk `MEDIA#<uuid>`, sk `MEDIA`                                |
 * | timeline: her upload by content hash (dedup; refs → media) | GetItem / Put     | pk `USER#<id>`, sk `MEDIA_SHA1#<sha1>`                       |
 * | news: the feeds (content) and their fetch state   | Query (one partition)      | pk `NEWS_FEED`, sk `FEED#<000000 id>`                        |
 * | news: tag rules, highlights, topics (content)     | Query (one partition)      | pk `NEWS_CONTENT`, sk `RULE#<000000 id>` / `HIGHLIGHT#<000000 id>` / `TOPICS` |
 * | news: an item                                     | GetItem / BatchGetItem     | pk `NEWS#<id>`, sk `NEWS`                                    |
 * | news: an item by its link (uniqueness)            | conditional Put            | pk `NEWS_URL#<sha256(link)>`, sk `NEWS_URL` (→ news id)      |
 * | news: published items, newest first               | Query gsi1                 | gsi1pk `NEWS_PUBLISHED`, gsi1sk `<display time ISO>#<000000000 id>` |
 * | news: the display groups by topic (vitrine)       | GetItem / Put              | pk `NEWS_DISPLAY`, sk `VITRINE`                              |
 * | news: an opened news link (tracking)              | Put (TTL)                  | pk `NEWS#<id>`, sk `OPENED#<valid until>:<track id>#<user id>` |
 *
 * Items outside her partition that a user owns (a guardian's invite token, say)
 * are listed on the partition item that owns them, in an attribute `refs`: an
 * array of `{pk, sk}`. Deleting the account deletes every item a `refs` names,
 * then the partition; anything a user owns elsewhere and no `refs` names
 * outlives her account.
 * | tasks: the Manual de Fuga catalog (content)      | Query / BatchGetItem       | pk `MF_TAREFA`, sk `TAREFA#<000000 id>`                      |
 * | tasks: a user's tasks (list, sync, batch)        | Query / GetItem / Transact | pk `USER#<id>`, sk `MF_CLIENTE_TAREFA#<000000000 id>`        |
 * | tasks: a catalog task listed for a user (unique) | conditional Put            | pk `USER#<id>`, sk `MF_TAREFA_ATIVA#<tarefa id>`             |
 * | web: FAQ entries and pages (content)             | Query / GetItem            | pk `WEB`, sk `FAQ#<id>` / `FAQ_CATEGORY#<id>` / `PAGE#<slug>` |
 * | content: what a seed module wrote (stale removal) | GetItem / Put              | pk `CONTENT`, sk `MODULE#<name>`                             |
 * | quiz: questionnaires and the MF order (content)  | Query (one partition)      | pk `QUIZ_CONTENT`, sk `QUESTIONNAIRE#<000000 id>` / `MF_ORDER` |
 * | quiz: a user's quiz sessions                     | Query / GetItem / Transact | pk `USER#<id>`, sk `QUIZ_SESSION#<000000000000 id>`          |
 * | quiz: a user's Manual de Fuga progress           | GetItem / Transact         | pk `USER#<id>`, sk `MF_SESSION_CONTROL`                      |
 * | quiz: an anonymous questionnaire session         | GetItem / Transact         | pk `ANON_QUIZ_SESSION#<id>`, sk `ANON_QUIZ_SESSION`          |
 * | guardians: her guardians (list, alert fan-out)    | Query / GetItem / Transact | pk `USER#<id>`, sk `GUARDIAN#<000000000 id>` (refs → its token) |
 * | guardians: an invite by its link's token (web)    | GetItem / Put in the invite's transaction | pk `GUARDIAN_TOKEN#<token>`, sk `GUARDIAN_TOKEN` (→ user, guardian) |
 * | guardians: each press of the panic button         | Put / Update               | pk `USER#<id>`, sk `ALERT#<ISO time>#<alert id>`              |
 * | guardians: alert limits (1/min, 10/24 h)          | GetItem, conditional Update | pk `USER#<id>`, sk `ALERT_LIMITS`                            |
 * | guardians: an SMS claimed or sent (idempotency)   | conditional Put / Update (TTL) | pk `USER#<id>`, sk `SMS_SENT#<alert or invite>:<guardian id>` |
 * | points: a support point, whole (detail, ratings) | GetItem / conditional Update | pk `PONTO_APOIO#<id>`, sk `PONTO_APOIO`                      |
 * | points: every point's list entry, by id (8 shards) | Query per shard          | pk `PA_LIST#<id mod 8>`, sk `PA#<000000000 id>`               |
 * | points: local points near a place                | Query gsi1 per geohash cell | list entry: gsi1pk `PA_CELL#<geohash 3>`, gsi1sk `<geohash 9>#<id>` |
 * | points: national and regional points             | Query gsi1                 | list entry: gsi1pk `PA_SCOPE#Nacional|Regional`, gsi1sk `<cod_ibge>#<id>` |
 * | points: categories and projects (content)        | Query (one partition)      | pk `PA_META`, sk `CATEGORIA#<id>` / `PROJETO#<id>`            |
 * | points: the municipality holding a place         | Query (one geohash cell)   | pk `MUNICIPIO_CELL#<geohash 3>`, sk `<cod_ibge>`              |
 * | points: her rating of a point                    | Query / Transact           | pk `USER#<id>`, sk `PA_RATING#<point id>`                    |
 * | points: her suggestions (the admin lists them)   | Put; Query gsi1            | pk `USER#<id>`, sk `PA_SUGGESTION#<000000000 id>`; gsi1 `PA_SUGGESTIONS`, `<ISO>#<id>` |
 * | points: geocoder answers (cache, 30 days)        | GetItem / Put (TTL)        | pk `GEOCODE#<forward|reverse>#<sha256(query)>`, sk `GEOCODE`   |
 * | admin: an admin account                          | GetItem                    | pk `ADMIN#<uuid>`, sk `ADMIN`                                 |
 * | admin: an admin by e-mail (sign-in, uniqueness)  | GetItem / conditional Put  | pk `ADMIN_EMAIL#<lowercase e-mail>`, sk `ADMIN_EMAIL` (→ admin id) |
 * | admin: a signed-in admin's session (logout ends it) | BatchGetItem with the admin (TTL 12 h) | pk `ADMIN_SESSION#<uuid>`, sk `ADMIN_SESSION` |
 * | admin: the audit log, newest first               | Put in the action's Transact; Query | pk `ADMIN_AUDIT`, sk `<ISO time>#<random>`           |
 * | admin: support chats by state, latest first      | Query gsi1                 | her `SUPPORT_CHAT`: gsi1 `SUPPORT_CHATS#waiting|answered`, `<last ISO>#<id>` |
 * | admin: a broadcast and its deliveries (once each) | Put; conditional Put       | pk `BROADCAST#<uuid>`, sk `BROADCAST` / `TO#<user id>` (TTL)  |
 * | admin: broadcasts, newest first                  | Query gsi1                 | gsi1 `BROADCASTS`, `<ISO time>#<uuid>`                        |
 * | badges: the badge kinds (content)                | Query (one partition)      | pk `BADGE`, sk `BADGE#<000000 id>`; code unique: `BADGE_CODE#<code>` |
 * | badges: her badges (valid until)                 | Query / conditional Put    | pk `USER#<id>`, sk `BADGE#<badge id>`                         |
 * | badges: her invitations (Círculo PenhaS)         | GetItem / Query / Update   | pk `USER#<id>`, sk `BADGE_INVITE#<000000000 id>`              |
 * | chats: a private chat (participants, wrapped data key) | GetItem / Transact    | pk `CHAT#<id>`, sk `CHAT`                                    |
 * | chats: the one chat of a pair (uniqueness)       | conditional Put / GetItem  | pk `CHAT_PAIR#<lower id>#<higher id>`, sk `CHAT_PAIR` (→ chat id) |
 * | chats: a chat's messages (sealed), time order    | Query                      | pk `CHAT#<id>`, sk `MSG#<ISO time>#<000000000 id>`            |
 * | chats: her chats, latest message first (refs → chat, pair) | Query gsi1        | pk `USER#<id>`, sk `CHAT_MEMBER#<chat id>`; gsi1 `CHATS#<id>`, `<last ISO>#<chat id>` |
 * | chats: her support chat and its messages         | GetItem / Query            | pk `USER#<id>`, sk `SUPPORT_CHAT` / `SUPPORT_MSG#<ISO time>#<000000000 id>` |
 * | chats: a message unread (notification hook)      | Put / Delete; Query gsi1   | pk `USER#<id>`, sk `CHAT_PENDING#<sender id>`; gsi1 `CHAT_PENDING`, `<ISO>#<id>#<sender>` |
 * | chats: her entry in the user search (refs → names) | GetItem / Put; Query gsi1 | pk `USER#<id>`, sk `CHAT_DIRECTORY`; gsi1 `CHAT_ACTIVITY`, `<last activity ISO>#<id>` |
 * | chats: searchable names (prefix, accent-insensitive) | Query begins_with      | pk `CHAT_NAME#<first 2 letters>`, sk `<folded name>#<id>`     |
 * | notifications: her inbox, newest first           | Put / Query (desc, COUNT)  | pk `USER#<id>`, sk `NOTIFICATION#<ISO time>#<id>`            |
 * | notifications: read up to (page 1 of the inbox)  | GetItem / Put              | pk `USER#<id>`, sk `NOTIFICATION_READ`                       |
 * | notifications: one event notified once (retries) | conditional Put in a Transact (TTL) | pk `USER#<id>`, sk `NOTIFICATION_ONCE#<event key>`  |
 * | notifications: her devices (SNS endpoints)       | Query / Put / Delete       | pk `USER#<id>`, sk `DEVICE#<device id>` (refs → its token)   |
 * | notifications: a device by its token (one owner) | GetItem / Transact         | pk `DEVICE_TOKEN#<sha256(token)>`, sk `DEVICE_TOKEN` (→ user, device) |
 * | notifications: a push claimed or sent (idempotency) | conditional Update (TTL) | pk `USER#<id>`, sk `PUSH_SENT#<push id>:<device id>`        |
 * | audios: her recording events (list, detail)     | Query begins_with / GetItem | pk `USER#<id>`, sk `AUDIO_EVENT#<event id>`                 |
 * | audios: an event's recordings, by sequence       | Query begins_with / conditional Put | pk `USER#<id>`, sk `AUDIO#<event id>#<000000 sequence>` |
 * | audios: a presigned upload waiting for its file  | Put / GetItem (TTL 1 day)  | pk `USER#<id>`, sk `AUDIO_UPLOAD#<upload id>`               |
 * | audios: events by access status, oldest first (lifecycle, every minute) | Query gsi1 (sk < cutoff) | event: gsi1pk `AUDIO_STATUS#<status>`, gsi1sk `<created_at ISO>#<id>#<event id>` |
 *
 * Feature modules add their rows below as they add key functions. Timestamps
 * in keys are `Date.toISOString()`, so string order is time order.
 */
import { createHash } from 'node:crypto';
import { key } from '#shared/db/keys';

/** A table item's primary key. */
export type ItemKey = { pk: string; sk: string };

/** The partition holding everything a user owns. */
export const ownerPartition = (userId: number | string): string => key('USER', userId);

export const userKey = (userId: number | string): ItemKey => ({ pk: ownerPartition(userId), sk: 'PROFILE' });

export const emailKey = (email: string): ItemKey => ({ pk: key('EMAIL', email.trim().toLowerCase()), sk: 'EMAIL' });

/** CPFs are kept only as a hash: uniqueness needs no plain number. */
export const cpfHash = (cpf: string): string => createHash('sha256').update(cpf.replace(/\D/g, '')).digest('hex');
export const cpfKey = (cpf: string): ItemKey => ({ pk: key('CPF', cpfHash(cpf)), sk: 'CPF' });

export const sessionKey = (sessionId: string): ItemKey => ({ pk: key('SESSION', sessionId), sk: 'SESSION' });
/** The user's reference to one of her sessions, so all of them can be revoked at once. */
export const userSessionKey = (userId: number | string, sessionId: string): ItemKey => ({ pk: ownerPartition(userId), sk: key('SESSION', sessionId) });
export const USER_SESSION_PREFIX = 'SESSION#';

export const sequenceKey = (name: string): ItemKey => ({ pk: key('SEQUENCE', name), sk: 'SEQUENCE' });

export const rateKey = (scope: string, subject: string, windowStart: number): ItemKey => ({ pk: key('RATE', scope, subject, windowStart), sk: 'RATE' });

// ---- accounts: login failures, CPF registry cache, password reset codes ----

export const LOGIN_ERROR_PREFIX = 'LOGIN_ERROR#';
/** One failed login; counted over the last hour by a Query on the sort key, expired by TTL. */
export const loginErrorKey = (userId: number | string, at: Date, nonce: string): ItemKey => ({
  pk: ownerPartition(userId),
  sk: key('LOGIN_ERROR', at.toISOString(), nonce),
});

/** The registry's answer for one CPF and birth date; neither is readable from the key. */
export const cpfCacheKey = (cpf: string, birthDate: string): ItemKey => ({
  pk: key(
    'CPF_CACHE',
    createHash('sha256')
      .update(`${cpf.replace(/\D/g, '')}|${birthDate}`)
      .digest('hex'),
  ),
  sk: 'CPF_CACHE',
});

/** Her latest password reset code; in her partition, so deleting the account deletes it. */
export const passwordResetKey = (userId: number | string): ItemKey => ({ pk: ownerPartition(userId), sk: 'PASSWORD_RESET' });

// ---- messaging: the e-mail queue's sent markers ----

export const emailSentKey = (jobId: string): ItemKey => ({ pk: key('EMAIL_SENT', jobId), sk: 'EMAIL_SENT' });

// ---- me: preferences, blocks, reports, police calls, deletion ----

export const preferencesKey = (userId: number | string): ItemKey => ({ pk: ownerPartition(userId), sk: 'PREFERENCES' });

export const blockKey = (userId: number | string, blockedId: number | string): ItemKey => ({ pk: ownerPartition(userId), sk: key('BLOCK', blockedId) });
/** The index keys that list who blocked one profile (so deleting that account deletes the blocks of it too). */
export const blockedIndexKeys = (userId: number | string, blockedId: number | string) => ({ gsi1pk: key('BLOCKED', blockedId), gsi1sk: key(userId) });
/** Index partitions holding items about a user kept in other users' partitions: reports against her, blocks of her. */
export const aboutUserIndexPartitions = (userId: number | string): string[] => [key('REPORTED', userId), key('BLOCKED', userId)];

export const reportKey = (userId: number | string, reportId: number): ItemKey => ({ pk: ownerPartition(userId), sk: key('REPORT', reportId) });
/** The index keys that list the reports against one profile, oldest first. */
export const reportedIndexKeys = (reportedId: number | string, at: Date, reportId: number) => ({
  gsi1pk: key('REPORTED', reportedId),
  gsi1sk: key(at.toISOString(), reportId),
});

export const policeCallKey = (userId: number | string, at: Date, nonce: string): ItemKey => ({
  pk: ownerPartition(userId),
  sk: key('POLICE_CALL', at.toISOString(), nonce),
});

export const DELETION_DUE = 'DELETION_DUE';
/** Set on the user item while her deletion is scheduled (and while it runs), so the sweep finds her by date. */
export const deletionDueIndexKeys = (userId: number | string, performDeleteAt: string) => ({ gsi1pk: DELETION_DUE, gsi1sk: key(performDeleteAt, userId) });

/**
 * Set on the user item while she is active (sign-up, reactivation), and
 * replaced by the deletion keys when her deletion is scheduled: the index
 * lists active accounts only, so a broadcast reads no one else. Sharded by
 * id so a fan-out reads the shards in parallel.
 */
export const ACTIVE_ACCOUNT_SHARDS = 4;
export const activeAccountsPartition = (shard: number): string => key('ACTIVE_ACCOUNTS', shard);
export const activeAccountIndexKeys = (userId: number) => ({
  gsi1pk: activeAccountsPartition(userId % ACTIVE_ACCOUNT_SHARDS),
  gsi1sk: String(userId).padStart(12, '0'),
});

/** A one-off maintenance step that has finished, so it never runs again. */
export const maintenanceKey = (step: string): ItemKey => ({ pk: 'MAINTENANCE', sk: step });

export const deleteLogKey = (userId: number | string): ItemKey => ({ pk: key('DELETE_LOG', userId), sk: 'DELETE_LOG' });

/** The CPF sentinel from the hash the user item keeps (the plain CPF is never stored). */
export const cpfKeyOfHash = (hash: string): ItemKey => ({ pk: key('CPF', hash), sk: 'CPF' });

// ---- tasks (Manual de Fuga) and web content ----

/** The catalog: every task the MF questionnaire can give (content, written by the seed). */
export const MF_TAREFA_PARTITION = 'MF_TAREFA';
export const mfTarefaKey = (tarefaId: number): ItemKey => ({ pk: MF_TAREFA_PARTITION, sk: key('TAREFA', String(tarefaId).padStart(6, '0')) });

/** One of a user's tasks; zero-padded so the partition lists them in id order. */
export const MF_CLIENTE_TAREFA_PREFIX = 'MF_CLIENTE_TAREFA#';
export const mfClienteTarefaKey = (userId: number | string, clienteTarefaId: number): ItemKey => ({
  pk: ownerPartition(userId),
  sk: `${MF_CLIENTE_TAREFA_PREFIX}${String(clienteTarefaId).padStart(9, '0')}`,
});
/** Which of the user's tasks currently lists catalog task `tarefaId`, so a catalog task is listed once. */
export const mfTarefaAtivaKey = (userId: number | string, tarefaId: number): ItemKey => ({ pk: ownerPartition(userId), sk: key('MF_TAREFA_ATIVA', tarefaId) });

/** The public web pages' content: FAQ categories and entries, and the long texts by slug. */
export const WEB_PARTITION = 'WEB';
export const faqKey = (faqId: number): ItemKey => ({ pk: WEB_PARTITION, sk: key('FAQ', faqId) });
export const faqCategoryKey = (categoryId: number): ItemKey => ({ pk: WEB_PARTITION, sk: key('FAQ_CATEGORY', categoryId) });
export const webPageKey = (slug: string): ItemKey => ({ pk: WEB_PARTITION, sk: key('PAGE', slug) });

/** The keys a content module wrote last, so the seed removes what the module no longer has. */
export const contentModuleKey = (name: string): ItemKey => ({ pk: 'CONTENT', sk: key('MODULE', name) });

// ---- guardians: invites, their tokens, panic alerts and their SMS ----

export const GUARDIAN_PREFIX = 'GUARDIAN#';
/** One of her guardians (an invite in any state); zero-padded so the partition lists them in id order. */
export const guardianKey = (userId: number | string, guardianId: number): ItemKey => ({
  pk: ownerPartition(userId),
  sk: `${GUARDIAN_PREFIX}${String(guardianId).padStart(9, '0')}`,
});
/** The invite a link's token opens; listed in the guardian item's `refs`, so account deletion removes it. */
export const guardianTokenKey = (token: string): ItemKey => ({ pk: key('GUARDIAN_TOKEN', token), sk: 'GUARDIAN_TOKEN' });

export const ALERT_PREFIX = 'ALERT#';
export const alertKey = (userId: number | string, at: Date, alertId: string): ItemKey => ({
  pk: ownerPartition(userId),
  sk: key('ALERT', at.toISOString(), alertId),
});
/** Her alert counters (the minute's and the day's), each window starting at the first alert it counts. */
export const alertLimitsKey = (userId: number | string): ItemKey => ({ pk: ownerPartition(userId), sk: 'ALERT_LIMITS' });

/** One SMS of hers claimed or sent, by its idempotency key (`<alert id>:<guardian id>`, `invite:<guardian id>`). */
export const smsSentKey = (userId: number | string, idempotencyKey: string): ItemKey => ({ pk: ownerPartition(userId), sk: key('SMS_SENT', idempotencyKey) });

// ---- quiz: content, sessions, Manual de Fuga progress ----

/** All quiz content (questionnaires, MF order) in one partition, read with one Query. */
export const QUIZ_CONTENT_PARTITION = 'QUIZ_CONTENT';
export const quizQuestionnaireKey = (questionnaireId: number): ItemKey => ({
  pk: QUIZ_CONTENT_PARTITION,
  sk: key('QUESTIONNAIRE', String(questionnaireId).padStart(6, '0')),
});
export const quizMfOrderKey = (): ItemKey => ({ pk: QUIZ_CONTENT_PARTITION, sk: 'MF_ORDER' });

/** One of a user's quiz sessions; zero-padded so her partition lists them in id order. */
export const QUIZ_SESSION_PREFIX = 'QUIZ_SESSION#';
export const quizSessionKey = (userId: number | string, sessionId: number): ItemKey => ({
  pk: ownerPartition(userId),
  sk: `${QUIZ_SESSION_PREFIX}${String(sessionId).padStart(12, '0')}`,
});
export const mfSessionControlKey = (userId: number | string): ItemKey => ({ pk: ownerPartition(userId), sk: 'MF_SESSION_CONTROL' });
export const anonQuizSessionKey = (sessionId: number): ItemKey => ({ pk: key('ANON_QUIZ_SESSION', sessionId), sk: 'ANON_QUIZ_SESSION' });

// ---- timeline: tweets, likes, reports, media ----

export const TIMELINE_INDEX_PK = 'TIMELINE';
export const tweetKey = (tweetId: string): ItemKey => ({ pk: key('TWEET', tweetId), sk: 'TWEET' });
/** Index keys of a published tweet: posts on the timeline, comments under their parent. */
export const tweetIndexKeys = (tweetId: string, parentId: string | null) => ({
  gsi1pk: parentId ? key('REPLIES', parentId) : TIMELINE_INDEX_PK,
  gsi1sk: tweetId,
});
export const repliesIndexPk = (parentId: string): string => key('REPLIES', parentId);
export const USER_TWEET_PREFIX = 'TWEET#';
/** Her reference to one of her tweets (the all_myself filter; `refs` → the tweet, so deletion removes it). */
export const userTweetKey = (userId: number | string, tweetId: string): ItemKey => ({ pk: ownerPartition(userId), sk: key('TWEET', tweetId) });
export const tweetLikeKey = (tweetId: string, userId: number | string): ItemKey => ({ pk: key('TWEET', tweetId), sk: key('LIKE', userId) });
export const userTweetLikeKey = (userId: number | string, tweetId: string): ItemKey => ({ pk: ownerPartition(userId), sk: key('TWEET_LIKE', tweetId) });
export const tweetReportKey = (userId: number | string, reportId: number): ItemKey => ({
  pk: ownerPartition(userId),
  sk: key('TWEET_REPORT', String(reportId).padStart(9, '0')),
});
export const mediaKey = (mediaId: string): ItemKey => ({ pk: key('MEDIA', mediaId), sk: 'MEDIA' });
export const userMediaSha1Key = (userId: number | string, sha1: string): ItemKey => ({ pk: ownerPartition(userId), sk: key('MEDIA_SHA1', sha1) });

// ---- news: feeds, rules, items, display groups ----

export const NEWS_FEED_PARTITION = 'NEWS_FEED';
export const newsFeedKey = (feedId: number): ItemKey => ({ pk: NEWS_FEED_PARTITION, sk: key('FEED', String(feedId).padStart(6, '0')) });
export const NEWS_CONTENT_PARTITION = 'NEWS_CONTENT';
export const newsRuleKey = (ruleId: number): ItemKey => ({ pk: NEWS_CONTENT_PARTITION, sk: key('RULE', String(ruleId).padStart(6, '0')) });
export const newsTopicsKey = (): ItemKey => ({ pk: NEWS_CONTENT_PARTITION, sk: 'TOPICS' });
export const newsHighlightKey = (highlightId: number): ItemKey => ({ pk: NEWS_CONTENT_PARTITION, sk: key('HIGHLIGHT', String(highlightId).padStart(6, '0')) });
export const newsKey = (newsId: number): ItemKey => ({ pk: key('NEWS', newsId), sk: 'NEWS' });
export const newsUrlKey = (link: string): ItemKey => ({ pk: key('NEWS_URL', createHash('sha256').update(link).digest('hex')), sk: 'NEWS_URL' });
export const NEWS_PUBLISHED = 'NEWS_PUBLISHED';
export const newsPublishedIndexKeys = (displayTime: string, newsId: number) => ({
  gsi1pk: NEWS_PUBLISHED,
  gsi1sk: key(displayTime, String(newsId).padStart(9, '0')),
});
export const newsDisplayKey = (): ItemKey => ({ pk: 'NEWS_DISPLAY', sk: 'VITRINE' });
export const newsOpenedKey = (newsId: number, trackId: string, userId: number | string): ItemKey => ({
  pk: key('NEWS', newsId),
  sk: key('OPENED', trackId, userId),
});

// ---- points: support points, their index, ratings, suggestions, geocoding ----

export const pontoApoioKey = (pointId: number): ItemKey => ({ pk: key('PONTO_APOIO', pointId), sk: 'PONTO_APOIO' });
/** List entries are spread over this many partitions, read in parallel for the full list. */
export const PA_LIST_SHARDS = 8;
export const paListKey = (pointId: number): ItemKey => ({ pk: key('PA_LIST', pointId % PA_LIST_SHARDS), sk: key('PA', String(pointId).padStart(9, '0')) });
export const paListPartition = (shard: number): string => key('PA_LIST', shard);
/** The index partition of the local points in one geohash cell (of `PA_CELL_PRECISION` characters). */
export const PA_CELL_PRECISION = 3;
export const paCellPartition = (cell: string): string => key('PA_CELL', cell);
export const paScopePartition = (abrangencia: 'Nacional' | 'Regional'): string => key('PA_SCOPE', abrangencia);
export const PA_META_PARTITION = 'PA_META';
export const paCategoryKey = (categoryId: number): ItemKey => ({ pk: PA_META_PARTITION, sk: key('CATEGORIA', categoryId) });
export const paProjectKey = (projectId: number): ItemKey => ({ pk: PA_META_PARTITION, sk: key('PROJETO', projectId) });
export const municipalityCellKey = (cell: string, codIbge: number): ItemKey => ({ pk: key('MUNICIPIO_CELL', cell), sk: String(codIbge) });
export const PA_RATING_PREFIX = 'PA_RATING#';
export const paRatingKey = (userId: number | string, pointId: number): ItemKey => ({ pk: ownerPartition(userId), sk: key('PA_RATING', pointId) });
export const paSuggestionKey = (userId: number | string, suggestionId: number): ItemKey => ({
  pk: ownerPartition(userId),
  sk: key('PA_SUGGESTION', String(suggestionId).padStart(9, '0')),
});
export const PA_SUGGESTIONS = 'PA_SUGGESTIONS';
export const geocodeCacheKey = (kind: 'forward' | 'reverse', query: string): ItemKey => ({
  pk: key('GEOCODE', kind, createHash('sha256').update(query).digest('hex')),
  sk: 'GEOCODE',
});

// ---- admin: accounts, audit log, the support queue, broadcasts ----

export const adminKey = (adminId: string): ItemKey => ({ pk: key('ADMIN', adminId), sk: 'ADMIN' });
export const adminEmailKey = (email: string): ItemKey => ({ pk: key('ADMIN_EMAIL', email.trim().toLowerCase()), sk: 'ADMIN_EMAIL' });
export const adminSessionKey = (sessionId: string): ItemKey => ({ pk: key('ADMIN_SESSION', sessionId), sk: 'ADMIN_SESSION' });
export const ADMIN_AUDIT_PARTITION = 'ADMIN_AUDIT';
export const adminAuditKey = (at: string, entryId: string): ItemKey => ({ pk: ADMIN_AUDIT_PARTITION, sk: key(at, entryId) });
export type SupportQueueState = 'waiting' | 'answered';
/** Her support chat in the admins' queue: waiting while her message is the last, answered once the support's is. */
export const supportQueuePartition = (state: SupportQueueState): string => key('SUPPORT_CHATS', state);
export const supportQueueIndexKeys = (state: SupportQueueState, lastMessageAt: string, userId: number | string) => ({
  gsi1pk: supportQueuePartition(state),
  gsi1sk: key(lastMessageAt, userId),
});
export const broadcastKey = (broadcastId: string): ItemKey => ({ pk: key('BROADCAST', broadcastId), sk: 'BROADCAST' });
export const BROADCASTS = 'BROADCASTS';
/** One account's delivery of a broadcast: claimed once, so a retried page never notifies her twice. */
export const broadcastDeliveryKey = (broadcastId: string, userId: number | string): ItemKey => ({ pk: key('BROADCAST', broadcastId), sk: key('TO', userId) });

// ---- badges: kinds, holders, invitations ----

export const BADGE_PARTITION = 'BADGE';
export const badgeKey = (badgeId: number): ItemKey => ({ pk: BADGE_PARTITION, sk: key('BADGE', String(badgeId).padStart(6, '0')) });
export const badgeCodeKey = (code: string): ItemKey => ({ pk: key('BADGE_CODE', code), sk: 'BADGE_CODE' });
export const USER_BADGE_PREFIX = 'BADGE#';
export const userBadgeKey = (userId: number | string, badgeId: number): ItemKey => ({ pk: ownerPartition(userId), sk: key('BADGE', badgeId) });
export const BADGE_INVITE_PREFIX = 'BADGE_INVITE#';
export const badgeInviteKey = (userId: number | string, inviteId: number): ItemKey => ({
  pk: ownerPartition(userId),
  sk: key('BADGE_INVITE', String(inviteId).padStart(9, '0')),
});

// ---- chats: private chats, the support chat, the user search ----

export const chatKey = (chatId: string): ItemKey => ({ pk: key('CHAT', chatId), sk: 'CHAT' });
export const chatPartition = (chatId: string): string => key('CHAT', chatId);
export const chatPairKey = (a: number, b: number): ItemKey => ({ pk: key('CHAT_PAIR', Math.min(a, b), Math.max(a, b)), sk: 'CHAT_PAIR' });
export const CHAT_MESSAGE_PREFIX = 'MSG#';
export const chatMessageSk = (at: string, messageId: number): string => key('MSG', at, String(messageId).padStart(9, '0'));
export const chatMemberKey = (userId: number | string, chatId: string): ItemKey => ({ pk: ownerPartition(userId), sk: key('CHAT_MEMBER', chatId) });
export const chatsIndexKeys = (userId: number | string, lastMessageAt: string, chatId: string) => ({
  gsi1pk: key('CHATS', userId),
  gsi1sk: key(lastMessageAt, chatId),
});
export const chatsIndexPk = (userId: number | string): string => key('CHATS', userId);
export const supportChatKey = (userId: number | string): ItemKey => ({ pk: ownerPartition(userId), sk: 'SUPPORT_CHAT' });
export const SUPPORT_MESSAGE_PREFIX = 'SUPPORT_MSG#';
export const supportMessageSk = (at: string, messageId: number): string => key('SUPPORT_MSG', at, String(messageId).padStart(9, '0'));
export const CHAT_PENDING = 'CHAT_PENDING';
export const chatPendingKey = (userId: number | string, senderId: number | string): ItemKey => ({
  pk: ownerPartition(userId),
  sk: key('CHAT_PENDING', senderId),
});
export const chatPendingIndexKeys = (userId: number | string, senderId: number | string, messagedAt: string) => ({
  gsi1pk: CHAT_PENDING,
  gsi1sk: key(messagedAt, userId, senderId),
});
export const chatDirectoryKey = (userId: number | string): ItemKey => ({ pk: ownerPartition(userId), sk: 'CHAT_DIRECTORY' });
export const CHAT_ACTIVITY = 'CHAT_ACTIVITY';
export const chatNameKey = (folded: string, userId: number | string): ItemKey => ({ pk: key('CHAT_NAME', folded.slice(0, 2)), sk: key(folded, userId) });
export const chatNamePartition = (folded: string): string => key('CHAT_NAME', folded.slice(0, 2));

// ---- notifications: the inbox, its read mark, devices and pushes ----

export const NOTIFICATION_PREFIX = 'NOTIFICATION#';
/** One notification of hers; the ISO time first, so her partition lists them in time order. */
export const notificationKey = (userId: number | string, createdAt: string, notificationId: string): ItemKey => ({
  pk: ownerPartition(userId),
  sk: key('NOTIFICATION', createdAt, notificationId),
});
/** Past every notification sort key: the upper bound of the unread count's range. */
export const NOTIFICATION_PREFIX_END = 'NOTIFICATION$';
export const notificationReadKey = (userId: number | string): ItemKey => ({ pk: ownerPartition(userId), sk: 'NOTIFICATION_READ' });
export const notificationOnceKey = (userId: number | string, eventKey: string): ItemKey => ({
  pk: ownerPartition(userId),
  sk: key('NOTIFICATION_ONCE', eventKey),
});
export const DEVICE_PREFIX = 'DEVICE#';
export const deviceKey = (userId: number | string, deviceId: string): ItemKey => ({ pk: ownerPartition(userId), sk: key('DEVICE', deviceId) });
/** A device token is kept only as a hash in keys; the device item holds the token SNS needs. */
export const deviceTokenKey = (token: string): ItemKey => ({ pk: key('DEVICE_TOKEN', createHash('sha256').update(token).digest('hex')), sk: 'DEVICE_TOKEN' });
export const pushSentKey = (userId: number | string, pushId: string, deviceId: string): ItemKey => ({
  pk: ownerPartition(userId),
  sk: key('PUSH_SENT', `${pushId}:${deviceId}`),
});

// ---- audios: recording events, their recordings, presigned uploads, the lifecycle index ----

export const AUDIO_EVENT_PREFIX = 'AUDIO_EVENT#';
export const audioEventKey = (userId: number | string, eventId: string): ItemKey => ({ pk: ownerPartition(userId), sk: key('AUDIO_EVENT', eventId) });
/** Sequences padded, so an event's recordings come back in sequence order. */
export const audioKey = (userId: number | string, eventId: string, sequence: number): ItemKey => ({
  pk: ownerPartition(userId),
  sk: key('AUDIO', eventId, String(sequence).padStart(6, '0')),
});
/** Begins the sort key of every recording of one event. */
export const audioEventRecordingsPrefix = (eventId: string): string => `${key('AUDIO', eventId)}#`;
export const audioUploadKey = (userId: number | string, uploadId: string): ItemKey => ({ pk: ownerPartition(userId), sk: key('AUDIO_UPLOAD', uploadId) });
export const audioStatusPartition = (status: string): string => key('AUDIO_STATUS', status);
export const audioStatusSortKey = (createdAt: string, userId: number | string, eventId: string): string => key(createdAt, userId, eventId);
