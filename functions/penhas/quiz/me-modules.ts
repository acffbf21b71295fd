/**
 * What the quiz engine puts into `GET /me`: a pending quiz replaces the
 * modules (`[{code: "quiz", meta: {}}]`) and `quiz_session` carries the
 * session to show. The accounts feature's `GET /me` calls this; the quiz
 * feature owns it.
 */
import * as table from '#shared/db/table';
import type { UserRecord } from '../accounts/users.ts';
import { userKey } from '../keys.ts';
import { cachedQuizContent } from './content.ts';
import { automaticQuestionnairesFor, showUserSession, userGetQuizSession } from './sessions.ts';

export interface MeQuiz {
  /** Extra top-level members of `GET /me` (`quiz_session`), when a quiz is pending. */
  extra: Record<string, unknown>;
}

const LOGIN_MARK_MS = 120_000;

/**
 * True the first time it is asked within two minutes of a login (the
 * original's `is_during_login` mark, set by login for 120 s and taken by the
 * next `GET /me`): the app's first screen after logging in is not the quiz. The login seen is
 * kept on the user item (`quiz_login_seen`), so later requests read nothing more.
 */
async function justLoggedIn(user: UserRecord, now = Date.now()): Promise<boolean> {
  const login = user.last_login_at;
  if (typeof login !== 'string' || !login || user.quiz_login_seen === login) return false;
  // The original's mark lived two minutes.
  if (!(now - Date.parse(login) < LOGIN_MARK_MS)) return false;
  await table.update(userKey(user.id), 'SET #seen = :login', {
    names: { '#seen': 'quiz_login_seen' },
    values: { ':login': login },
    condition: 'attribute_exists(pk)',
  });
  return true;
}

/**
 * The user's pending quiz, if she has one: the first automatic questionnaire
 * (by name) whose condition she meets and that she has not finished, its
 * session started on first sight and advanced to its current question. None
 * on the first request after a login. Content is cached per instance; a user
 * no automatic questionnaire is for costs no read.
 */
export async function pendingQuizForMe(user: UserRecord): Promise<MeQuiz | undefined> {
  const content = await cachedQuizContent();
  if (!automaticQuestionnairesFor(user, content).length) return undefined;
  if (await justLoggedIn(user)) return undefined;
  const session = await userGetQuizSession(user, content);
  if (!session) return undefined;
  return { extra: { quiz_session: await showUserSession(user, session, content) } };
}
