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
