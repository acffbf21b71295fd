/** GET /me/tarefas: what changed since `modificado_apos`, with the Manual de Fuga assistant. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { activeAccount } from '../accounts/session-auth.ts';
import { mfProgressWithSession } from '../quiz/me-quiz.ts';
import { addressReviewButton, mfAssistant } from './mf-assistant.ts';
import { requiredInt } from './task-params.ts';
import { listTasksRoute } from './tasks.route.ts';
import { assertTasksModule, nowSeconds, tasksChangedSince } from './tasks.ts';

export const handler = httpRoute(listTasksRoute, activeAccount, async ({ query, caller }) => {
  assertTasksModule(caller.user);
  // Taken before reading, so a change made during this request is seen again next time.
  const consultadoEm = nowSeconds();
  const modificadoApos = requiredInt(query, 'modificado_apos');
  const [changes, progress] = await Promise.all([tasksChangedSince(caller.userId, modificadoApos), mfProgressWithSession(caller.user)]);
  const tarefas = progress.status === 'onboarding' ? changes.tarefas : [...changes.tarefas, addressReviewButton(caller.user, nowSeconds())];
  return json({ ...changes, tarefas, ...mfAssistant(caller.user, progress), consultado_em: consultadoEm });
});
