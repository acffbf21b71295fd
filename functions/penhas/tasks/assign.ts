/**
 * Changing a user's list from the Manual de Fuga questionnaire (the quiz
 * feature calls these): catalog tasks added when answers select them, removed
 * when a block starts over, all cleared when she restarts the manual. Each
 * catalog task is listed at most once: a marker item per listed catalog task
 * (`mfTarefaAtivaKey`) is written in the same transaction as the task, on the
 * condition that no live task holds it, so concurrent answers cannot list a
 * task twice.
 */
import { batchGet } from '#shared/db/batch';
import { mapConcurrently } from '#shared/concurrency';
import * as table from '#shared/db/table';
import { transact } from '#shared/db/transactions';
import { AppError } from '#shared/errors';
import { logger } from '#shared/observability/logger';
import type { Tarefa } from '../content/tasks-catalog.ts';
import { MF_TAREFA_PARTITION, mfClienteTarefaKey, mfTarefaAtivaKey, mfTarefaKey } from '../keys.ts';
import { type ClienteTarefa, nextTaskId, nowSeconds, userTasks } from './tasks.ts';

export interface AssignedTasks {
  /** Ids of the user's task items created or revived. */
  created: number[];
}

type ActiveMarker = {
  pk: string;
  sk: string;
  clienteTarefaId: number;
};

/**
 * Adds the catalog tasks `tarefaIds` to the user's list (the original's
 * `cliente_mf_add_tarefa_por_codigo`, by catalog id): tasks already listed are
 * left as they are, a removed one is listed again as a new task, ids not in
 * the catalog are ignored.
 */
export async function assignTasks(userId: number, tarefaIds: number[], options: { questionnaireId?: number } = {}): Promise<AssignedTasks> {
  const ids = [...new Set(tarefaIds)];
  const [catalog, markers] = await Promise.all([
    batchGet<Tarefa & { pk: string; sk: string }>(ids.map((id) => mfTarefaKey(id))),
    batchGet<ActiveMarker>(
      ids.map((id) => mfTarefaAtivaKey(userId, id)),
      { consistentRead: true },
    ),
  ]);
  const listedBy = await batchGet<ClienteTarefa>(
    markers.flatMap((marker) => (marker ? [mfClienteTarefaKey(userId, marker.clienteTarefaId)] : [])),
    { consistentRead: true },
  );
  const live = new Set(listedBy.flatMap((task) => (task && task.removido_em === undefined ? [task.id] : [])));
  const created: number[] = [];
  await mapConcurrently(ids, 4, async (tarefaId, index) => {
    if (!catalog[index]) return;
    const marker = markers[index];
    if (marker && live.has(marker.clienteTarefaId)) return;
    const id = await nextTaskId();
    const now = nowSeconds();
    const task: ClienteTarefa = {
      ...mfClienteTarefaKey(userId, id),
      id,
      cliente_id: userId,
      mf_tarefa_id: tarefaId,
      checkbox_feito: 0,
      campo_livre: null,
      criado_em: now,
      atualizado_em: now,
      ...(options.questionnaireId === undefined ? {} : { last_from_questionnaire: options.questionnaireId }),
      version: 1,
    };
    try {
      await transact([
        {
          Put: {
            Item: { ...mfTarefaAtivaKey(userId, tarefaId), clienteTarefaId: id },
            // Free, or held by the removed task read above: anything else means another answer listed it meanwhile.
            ConditionExpression: marker ? '#holder = :holder' : 'attribute_not_exists(pk)',
            ...(marker && { ExpressionAttributeNames: { '#holder': 'clienteTarefaId' }, ExpressionAttributeValues: { ':holder': marker.clienteTarefaId } }),
          },
          conflictCode: 'task_already_listed',
        },
        { Put: { Item: task, ConditionExpression: 'attribute_not_exists(pk)' } },
      ]);
      created.push(id);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'task_already_listed')) throw error;
    }
  });
  if (created.length) logger.info('tasks listed', { userId, count: created.length });
  return { created: created.sort((a, b) => a - b) };
}

/** Removes the user's live tasks of these catalog ids (a Manual de Fuga block starting over); the ids removed. */
export async function removeTasks(userId: number, tarefaIds: number[]): Promise<number[]> {
  const wanted = new Set(tarefaIds);
  return removeWhere(userId, (task) => task.mf_tarefa_id !== undefined && wanted.has(task.mf_tarefa_id));
}

/** Removes every live task of the user (the manual restarted from scratch); the ids removed. */
export function clearTasks(userId: number): Promise<number[]> {
  return removeWhere(userId, () => true);
}

async function removeWhere(userId: number, selected: (task: ClienteTarefa) => boolean): Promise<number[]> {
  const tasks = (await userTasks(userId, { consistent: true })).filter((task) => task.removido_em === undefined && selected(task));
  const now = nowSeconds();
  const removed = await mapConcurrently(tasks, 4, (task) =>
    table.update(mfClienteTarefaKey(userId, task.id), 'SET removido_em = :now, #version = #version + :one', {
      condition: 'attribute_not_exists(removido_em)',
      names: { '#version': 'version' },
      values: { ':now': now, ':one': 1 },
    }),
  );
  return tasks.filter((_, i) => removed[i]).map((task) => task.id);
}

/** Catalog ids of the catalog codes (`T1`…) the questionnaires name; unknown codes are left out. */
export async function tarefaIdsOfCodes(codigos: string[]): Promise<number[]> {
  const wanted = new Set(codigos);
  const ids: number[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.query<Tarefa>({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': MF_TAREFA_PARTITION },
      ProjectionExpression: 'id, codigo',
      ExclusiveStartKey: startKey,
    });
    for (const tarefa of page.items) if (wanted.has(tarefa.codigo)) ids.push(tarefa.id);
    startKey = page.lastKey;
  } while (startKey);
  return ids;
}
