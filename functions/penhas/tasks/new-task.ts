/** POST /me/tarefas/nova: a task of her own, only where the deployment set a NEW_TASK_TOKEN (development). */
import { timingSafeEqual } from 'node:crypto';
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { activeAccount } from '../accounts/session-auth.ts';
import { badRequest } from '../errors.ts';
import { optionalFlag, requiredText } from './task-params.ts';
import { newTaskRoute } from './tasks.route.ts';
import { assertTasksModule, createOwnTask } from './tasks.ts';

function matches(given: string, expected: string): boolean {
  const [a, b] = [Buffer.from(given), Buffer.from(expected)];
  return b.length > 0 && a.length === b.length && timingSafeEqual(a, b);
}

export const handler = httpRoute(newTaskRoute, activeAccount, async ({ body, caller }) => {
  assertTasksModule(caller.user);
  const titulo = requiredText(body, 'titulo', { min: 1, max: 512 });
  const descricao = requiredText(body, 'descricao', { min: 1, max: 2048 });
  const agrupador = requiredText(body, 'agrupador', { min: 1, max: 120 });
  const token = requiredText(body, 'token', { min: 1, max: 120 });
  const checkboxContato = optionalFlag(body, 'checkbox_contato') === 1;
  if (!matches(token, process.env.NEW_TASK_TOKEN ?? '')) throw badRequest('mftoken_invalid', 'Token não confere');
  const id = await createOwnTask(caller.userId, { titulo, descricao, agrupador, checkbox_contato: checkboxContato });
  return json({ message: 'entrada criada com sucesso!', id });
});
