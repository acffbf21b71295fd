/** PUT /admin/questionnaires/{id}: a quiz questionnaire. */
import { empty } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import type { Questionnaire } from '../quiz/content.ts';
import { admin } from './admin-auth.ts';
import { putQuestionnaireRoute } from './content.route.ts';
import { putQuestionnaire } from './content-writes.ts';

export const handler = httpRoute(putQuestionnaireRoute, admin, async ({ params, body, caller }) => {
  // The questions' further members (options, intro, tarefas…) are the engine's, kept as sent.
  await putQuestionnaire(caller, Number(params.id), body as Omit<Questionnaire, 'id'>);
  return empty(204);
});
