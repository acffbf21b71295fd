/**
 * Manual de Fuga tasks (the original's `mf_cliente_tarefa`): a user's list of
 * catalog tasks (content/tasks-catalog.ts) and of tasks of her own, each with
 * its done flag, free field and timestamps in epoch seconds. Items live in her
 * partition (keys.ts), so another user's task id is simply not found.
 *
 * The app syncs incrementally: `GET /me/tarefas?modificado_apos=` answers what
 * changed since then (and the ids removed since then), and writes come in
 * batches that apply all or nothing.
 */
import { batchGet } from '#shared/db/batch';
import { nextValue } from '#shared/db/counters';
import { type TransactItem, transact } from '#shared/db/transactions';
import * as table from '#shared/db/table';
import { AppError } from '#shared/errors';
import { moduleCodes } from '../accounts/me-view.ts';
import type { UserRecord } from '../accounts/users.ts';
import type { Tarefa, TarefaTipo } from '../content/tasks-catalog.ts';
import { badRequest } from '../errors.ts';
import { MF_CLIENTE_TAREFA_PREFIX, mfClienteTarefaKey, mfTarefaKey, ownerPartition, sequenceKey } from '../keys.ts';
import type { SyncEntry } from './task-params.ts';

/** What the list shows of a task: the catalog row's, or the user's own for a task she created. */
export type TarefaView = Pick<Tarefa, 'titulo' | 'descricao' | 'tipo' | 'agrupador' | 'eh_customizada'>;

export type ClienteTarefa = {
  pk: string;
  sk: string;
  id: number;
  cliente_id: number;
  /** The catalog task; absent for a task the user created herself (then `tarefa` holds it). */
  mf_tarefa_id?: number;
  tarefa?: TarefaView;
  checkbox_feito: 0 | 1;
  checkbox_feito_checked_first_updated_at?: number;
  checkbox_feito_checked_last_updated_at?: number;
  checkbox_feito_unchecked_first_updated_at?: number;
  checkbox_feito_unchecked_last_updated_at?: number;
  /** JSON text, or null. */
  campo_livre: string | null;
  criado_em: number;
  atualizado_em: number;
  removido_em?: number;
  /** The questionnaire whose answers listed it last, when one did. */
  last_from_questionnaire?: number;
  version: number;
};

/** A task as `GET /me/tarefas` answers it. */
export interface TarefaWire {
  id: number;
  checkbox_feito: 0 | 1;
  atualizado_em: number;
  campo_livre: unknown;
  tipo: TarefaTipo;
  eh_customizada: 0 | 1;
  titulo: string;
  descricao: string;
  agrupador: string;
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** Task ids are integers the app keeps, from one sequence for every user. */
export const nextTaskId = (): Promise<number> => nextValue(sequenceKey('mf_cliente_tarefa'));

/** Every task item of the user, removed ones included (a list is at most a few hundred small items). */
export async function userTasks(userId: number, options: { consistent?: boolean } = {}): Promise<ClienteTarefa[]> {
  const items: ClienteTarefa[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.query<ClienteTarefa>({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': ownerPartition(userId), ':prefix': MF_CLIENTE_TAREFA_PREFIX },
      ExclusiveStartKey: startKey,
      ConsistentRead: options.consistent,
    });
    items.push(...page.items);
    startKey = page.lastKey;
  } while (startKey);
  return items;
}

/** The catalog rows of these tasks, by catalog id. */
export async function catalogOf(tasks: ClienteTarefa[]): Promise<Map<number, Tarefa>> {
  const ids = [...new Set(tasks.flatMap((task) => (task.mf_tarefa_id === undefined ? [] : [task.mf_tarefa_id])))];
  const rows = await batchGet<Tarefa & { pk: string; sk: string }>(ids.map((id) => mfTarefaKey(id)));
  return new Map(rows.flatMap((row) => (row ? [[row.id, row] as const] : [])));
}

const viewOf = (task: ClienteTarefa, catalog: Map<number, Tarefa>): TarefaView | undefined =>
  task.tarefa ?? (task.mf_tarefa_id === undefined ? undefined : catalog.get(task.mf_tarefa_id));

export function renderTarefa(task: ClienteTarefa, view: TarefaView): TarefaWire {
  return {
    id: task.id,
    checkbox_feito: task.checkbox_feito,
    atualizado_em: task.atualizado_em,
    campo_livre: task.campo_livre ? JSON.parse(task.campo_livre) : null,
    tipo: view.tipo,
    eh_customizada: view.eh_customizada,
    titulo: view.titulo,
    descricao: view.descricao,
    agrupador: view.agrupador,
  };
}

export interface TaskChanges {
  tarefas: TarefaWire[];
  tarefas_removidas: number[];
}

/** What changed at or after `modificadoApos` (epoch seconds): listed tasks updated since, and ids removed since. */
export async function tasksChangedSince(userId: number, modificadoApos: number): Promise<TaskChanges> {
  const tasks = await userTasks(userId);
  const changed = tasks.filter((task) => task.removido_em === undefined && task.atualizado_em >= modificadoApos);
  const catalog = await catalogOf(changed);
  return {
    tarefas: changed.flatMap((task) => {
      const view = viewOf(task, catalog);
      // A catalog row withdrawn from the content leaves nothing to show.
      return view ? [renderTarefa(task, view)] : [];
    }),
    tarefas_removidas: tasks.filter((task) => task.removido_em !== undefined && task.removido_em >= modificadoApos).map((task) => task.id),
  };
}

/** The tasks routes are the `tweets` module's, as in the original: women only (before any parameter is read). */
export function assertTasksModule(user: UserRecord): void {
  if (!moduleCodes(user).includes('tweets')) throw badRequest('missing_module', 'Você não tem acesso ao modulo tweets');
}

export const taskNotFound = (): AppError => badRequest('mfclientetarefa_id_not_found', 'Não foi possível encontrar a tarefa.');

/** Each concurrent writer of a task wins one round at least, so a few rounds serve the app's bursts. */
const MAX_ATTEMPTS = 5;

/** More distinct tasks than one transaction holds. */
export const MAX_TASKS_PER_BATCH = 100;

export interface SyncResult {
  updated: number;
  removed: number;
}

/**
 * Applies the entries in order, all or nothing, as the original's transaction
 * did: an unknown (or removed, or someone else's) id refuses the whole batch
 * with `mfclientetarefa_id_not_found`. The same task may come several times;
 * each distinct task is written once, conditioned on the version read, so a
 * concurrent write makes the batch start over from a fresh read.
 */
export async function syncTasks(userId: number, entries: SyncEntry[]): Promise<SyncResult> {
  const distinct = [...new Set(entries.map((entry) => entry.id))];
  if (distinct.length > MAX_TASKS_PER_BATCH) {
    throw badRequest('too_many_tasks', `Envie no máximo ${MAX_TASKS_PER_BATCH} tarefas por vez.`, 'body', 'invalid');
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await syncOnce(userId, entries, distinct);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'task_changed') || attempt === MAX_ATTEMPTS) throw error;
    }
  }
}

async function syncOnce(userId: number, entries: SyncEntry[], ids: number[]): Promise<SyncResult> {
  const read = await batchGet<ClienteTarefa>(
    ids.map((id) => mfClienteTarefaKey(userId, id)),
    { consistentRead: true },
  );
  const current = new Map(read.flatMap((task) => (task ? [[task.id, task] as const] : [])));
  const catalog = await catalogOf([...current.values()]);
  const before = new Map(current);
  const changed = new Set<number>();
  const now = nowSeconds();
  const result: SyncResult = { updated: 0, removed: 0 };
  for (const entry of entries) {
    const task = current.get(entry.id);
    if (!task || task.removido_em !== undefined) throw taskNotFound();
    const next = applyEntry(task, entry, viewOf(task, catalog), now);
    if (next !== task) {
      current.set(entry.id, next);
      changed.add(entry.id);
    }
    result[entry.remove ? 'removed' : 'updated']++;
  }
  const writes: TransactItem[] = [...changed].map((id) => {
    const { version } = before.get(id)!;
    return {
      Put: {
        Item: { ...current.get(id)!, version: version + 1 },
        ConditionExpression: '#version = :version',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':version': version },
      },
      conflictCode: 'task_changed',
    };
  });
  await transact(writes);
  return result;
}

/** The task after one entry (the same object when nothing changes), as the original's `cliente_sync_lista_tarefas`. */
export function applyEntry(task: ClienteTarefa, entry: SyncEntry, view: TarefaView | undefined, now: number): ClienteTarefa {
  if (entry.remove) return { ...task, removido_em: now };
  let next = task;
  // Only a task that keeps what the user types (contacts, her own tasks) stores the free field (cleared when
  // not sent, as in the original), and each sync of one counts as a change; other tasks ignore it.
  if (view?.eh_customizada) next = { ...next, campo_livre: entry.campo_livre ?? null, atualizado_em: now };
  if (Boolean(next.checkbox_feito) !== Boolean(entry.checkbox_feito)) {
    next = { ...next, checkbox_feito: entry.checkbox_feito, atualizado_em: now };
    if (entry.checkbox_feito) {
      next.checkbox_feito_checked_first_updated_at ??= now;
      next.checkbox_feito_checked_last_updated_at = now;
    } else {
      next.checkbox_feito_unchecked_first_updated_at ??= now;
      next.checkbox_feito_unchecked_last_updated_at = now;
    }
  }
  return next;
}

/** A task of the user's own (the original's `cliente_nova_tarefas`); `checkbox_contato` makes it a contacts task. */
export async function createOwnTask(
  userId: number,
  fields: { titulo: string; descricao: string; agrupador: string; checkbox_contato: boolean },
): Promise<number> {
  const id = await nextTaskId();
  const now = nowSeconds();
  const task: ClienteTarefa = {
    ...mfClienteTarefaKey(userId, id),
    id,
    cliente_id: userId,
    tarefa: {
      titulo: fields.titulo,
      descricao: fields.descricao,
      agrupador: fields.agrupador,
      tipo: fields.checkbox_contato ? 'checkbox_contato' : 'checkbox',
      eh_customizada: fields.checkbox_contato ? 1 : 0,
    },
    checkbox_feito: 0,
    campo_livre: null,
    criado_em: now,
    atualizado_em: now,
    version: 1,
  };
  await table.put(task, { condition: 'attribute_not_exists(pk)' });
  return id;
}
