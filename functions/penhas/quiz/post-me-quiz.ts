/** POST /me/quiz: one answer to one of her quiz sessions. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { activeAccount } from '../accounts/session-auth.ts';
import { postMeQuiz } from './me-quiz.ts';
import { postMeQuizRoute } from './post-me-quiz.route.ts';

const asParams = (body: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(body).map(([name, value]) => [name, Array.isArray(value) ? String(value.at(-1) ?? '') : String(value ?? '')]));

export const handler = httpRoute(postMeQuizRoute, activeAccount, async ({ body, caller }) =>
  json(await postMeQuiz(caller.user, asParams(body as Record<string, unknown>))),
);
