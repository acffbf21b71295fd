/** PUT /me: changes the profile; answers as GET /me. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { activeBadges } from '../badges/badges.ts';
import { touchDirectory } from '../chats/directory.ts';
import { pendingQuizForMe } from '../quiz/me-modules.ts';
import { putMeRoute } from './me-put.route.ts';
import { updateMe } from './me-update.ts';
import { meView } from './me-view.ts';
import { activeAccount } from './session-auth.ts';

export const handler = httpRoute(putMeRoute, activeAccount, async ({ body, caller }) => {
  const user = await updateMe(caller.user, body);
  // A new nickname or name is found by the chat's user search at once.
  if (user.apelido !== caller.user.apelido || user.nome_completo !== caller.user.nome_completo) await touchDirectory(user);
  const [quiz, badges] = await Promise.all([pendingQuizForMe(user), activeBadges(user.id)]);
  return json(meView(user, quiz, undefined, badges));
});
