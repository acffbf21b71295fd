/** POST /me/tarefas/batch: a JSON array of changes, all or nothing; the `Date` header dates them for the app. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { activeAccount } from '../accounts/session-auth.ts';
import { syncEntry } from './task-params.ts';
import { batchTasksRoute } from './tasks.route.ts';
import { assertTasksModule, syncTasks } from './tasks.ts';

export const handler = httpRoute(batchTasksRoute, activeAccount, async ({ body, caller }) => {
  assertTasksModule(caller.user);
  const result = await syncTasks(caller.userId, body.map(syncEntry));
  // The app reads this header (RFC 7231 IMF-fixdate) as the moment its tasks were saved.
  return json(result, 200, { date: new Date().toUTCString() });
});
