/**
 * What the quiz engine puts into `GET /me`: a pending quiz replaces the
 * modules (`[{code: "quiz", meta: {}}]`) and `quiz_session` carries the
 * session to show. The accounts feature's `GET /me` calls this; the quiz
 * feature owns it.
 */
import type { UserRecord } from '../accounts/users.ts';

export interface MeQuiz {
  /** Extra top-level members of `GET /me` (`quiz_session`), when a quiz is pending. */
  extra: Record<string, unknown>;
}

/** The user's pending quiz, if she has one. */
export async function pendingQuizForMe(_user: UserRecord): Promise<MeQuiz | undefined> {
  return undefined;
}
