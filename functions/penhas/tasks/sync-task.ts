/** POST /me/tarefas/sync: one change, as the form the app sends. */
import { httpRoute } from '#shared/http/route';
import { empty } from '#shared/http/responses';
import { activeAccount } from '../accounts/session-auth.ts';
import { syncEntry } from './task-params.ts';
import { syncTaskRoute } from './tasks.route.ts';
import { assertTasksModule, syncTasks } from './tasks.ts';

export const handler = httpRoute(syncTaskRoute, activeAccount, async ({ body, caller }) => {
  assertTasksModule(caller.user);
  await syncTasks(caller.userId, [syncEntry(body)]);
  return empty(204);
});
